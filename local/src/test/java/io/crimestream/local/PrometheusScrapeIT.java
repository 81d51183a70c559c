package io.crimestream.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.Pace;
import io.crimestream.record.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server scraping a local run's {@code /metrics}: what Prometheus stores is
 * what {@code metrics.json} reports. {@code .ci/run} installs Debian's {@code prometheus}; without
 * it this test is skipped (see {@link PrometheusServer}).
 */
class PrometheusScrapeIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern METRICS_URL = Pattern.compile("metrics: (http://[0-9.:]+)/metrics");

  @Test
  void everyModelsAucSeriesIsInPrometheusWithTheValueMetricsJsonReports(@TempDir Path dir) throws Exception {
    Path prometheusBinary = PrometheusServer.binaryOrSkip();
    Path out = dir.resolve("out");
    Lines progress = new Lines();
    LocalRun.Request request = new LocalRun.Request(List.of(YearMonth.of(2016, 4)),
        CrimeSource.file(SharedData.file(SharedData.KAGGLE)), Pace.REPLAY, "crimenes",
        b -> b.maxRowsPerBatch(400).http("127.0.0.1", 0), out).keepServing(true);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread run = new Thread(() -> {
      try {
        LocalRun.run(request, System.out, new PrintStream(progress, true, StandardCharsets.UTF_8));
      } catch (Throwable t) {
        failed.set(t);
      }
    }, "local-run");
    run.start();
    try {
      String serving = progress.await(l -> l.startsWith(LocalRun.SERVING_LINE), Duration.ofMinutes(5), failed);
      Matcher m = METRICS_URL.matcher(progress.text());
      assertThat(m.find()).as("the run prints where /metrics is: %s", progress.text()).isTrue();
      String target = URI.create(m.group(1)).getAuthority();
      assertThat(serving).contains(m.group(1));

      MetricsReport report = MetricsJson.readReport(out.resolve("metrics.json"));
      BatchMetrics last = report.batches().get(report.batches().size() - 1);
      assertThat(last.models()).hasSize(4);

      try (PrometheusServer prometheus = PrometheusServer.start(prometheusBinary, dir.resolve("prometheus"),
          target)) {
        Map<String, Double> cumulative = prometheus.awaitSeries("crimestream_prequential_auc{scope=\"cumulative\"}",
            "model", last.models().size(), Duration.ofMinutes(1));
        Map<String, Double> batch = prometheus.awaitSeries("crimestream_prequential_auc{scope=\"batch\"}", "model",
            last.models().size(), Duration.ofSeconds(30));
        Map<String, Double> heldOut = prometheus.awaitSeries("crimestream_heldout_auc", "model",
            last.models().size(), Duration.ofSeconds(30));
        last.models().forEach((model, mm) -> {
          assertThat(cumulative).as(model).containsEntry(model, mm.prequentialCumulative().areaUnderROC());
          assertThat(batch).as(model).containsEntry(model, mm.prequential().areaUnderROC());
          assertThat(heldOut).as(model).containsEntry(model, mm.areaUnderROC());
        });
        Map<String, Double> records = prometheus.awaitSeries("crimestream_records_total", "outcome", 5,
            Duration.ofSeconds(30));
        assertThat(records).containsEntry("trained", (double) report.summary().rowsTotal());
        Map<String, Double> up = prometheus.awaitSeries("up", "job", 1, Duration.ofSeconds(30));
        assertThat(up).containsEntry(PrometheusServer.JOB, 1.0);
        assertThat(prometheus.awaitSeries("crimestream_consumer_lag_records", "topic", 1, Duration.ofSeconds(30)))
            .as("drained: nothing left behind").containsEntry("crimenes", 0.0);
      }
    } finally {
      run.interrupt();
      run.join(Duration.ofMinutes(1).toMillis());
    }
    assertThat(run.isAlive()).as("the run ends once asked to stop serving").isFalse();
    assertThat(failed.get()).isNull();
  }

  /** What the run prints, readable while it runs. */
  static final class Lines extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      System.err.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    String await(java.util.function.Predicate<String> line, Duration timeout, AtomicReference<Throwable> failed)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (failed.get() != null) {
          throw new AssertionError("the run failed", failed.get());
        }
        var found = text().lines().filter(line).findFirst();
        if (found.isPresent()) {
          return found.get();
        }
        Thread.sleep(200); // polling the run's output, bounded by the deadline
      }
      throw new AssertionError("no such line within " + timeout + ":\n" + text());
    }
  }

  /** Debian's {@code prometheus}, on loopback, scraping one target every second. */
  static final class PrometheusServer implements AutoCloseable {
    static final String JOB = "crimestream";
    private final Process process;
    private final String api;

    private PrometheusServer(Process process, String api) {
      this.process = process;
      this.api = api;
    }

    static Path binaryOrSkip() {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        Path p = Path.of(dir, "prometheus");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
      org.junit.jupiter.api.Assumptions.abort("no prometheus on the PATH: install Debian's prometheus package"
          + " (.ci/run does)");
      return null;
    }

    static PrometheusServer start(Path binary, Path dir, String target) throws Exception {
      Files.createDirectories(dir);
      Path config = Files.writeString(dir.resolve("prometheus.yml"), """
          global:
            scrape_interval: 1s
            scrape_timeout: 1s
          scrape_configs:
            - job_name: %s
              static_configs:
                - targets: ['%s']
          """.formatted(JOB, target));
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      return new PrometheusServer(p, "http://127.0.0.1:" + port + "/api/v1/");
    }

    /**
     * Polls an instant query until it returns {@code count} series; their values by {@code label}.
     */
    Map<String, Double> awaitSeries(String query, String label, int count, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      String last = "";
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new AssertionError("prometheus exited with " + process.exitValue());
        }
        try {
          HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api + "query?query="
              + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
          last = r.body();
          if (r.statusCode() == 200) {
            Map<String, Double> values = new HashMap<>();
            for (JsonNode series : JSON.readTree(r.body()).path("data").path("result")) {
              values.put(series.path("metric").path(label).asText(),
                  Double.parseDouble(series.path("value").get(1).asText()));
            }
            if (values.size() >= count) {
              return values;
            }
          }
        } catch (java.io.IOException e) {
          last = e.toString(); // not listening yet
        }
        Thread.sleep(250); // polling Prometheus's API, bounded by the deadline
      }
      throw new AssertionError("Prometheus did not return " + count + " series for " + query + " within "
          + timeout + "; last answer: " + last);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
