package io.crimestream.local.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.local.bench.BenchResult;
import io.crimestream.local.bench.GeneratedCrimes;
import io.crimestream.local.bench.RealExports;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.options.TopicName;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.Pace;
import io.crimestream.producer.Producer;
import io.crimestream.producer.ProducerConfig;
import io.crimestream.producer.ProducerResult;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.ReadSummary;
import io.crimestream.record.WireCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crimestream soak}: millions of GENERATED rows through the streaming job (a JVM of its
 * own, as the driver runs) with the default training window, while the broker is restarted and
 * the job killed and restarted from its checkpoint; the job's heap after a full collection, its
 * resident memory, threads and open files are sampled after every batch. Ends with the checks a
 * long-running stream must pass: every row trained once, memory flat once the window is full,
 * threads and files not growing. Writes soak.json and soak.md.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Streams GENERATED rows (real rows resampled with noise) through the streaming job"
        + " for a long run with faults (broker restarts, the job killed with SIGKILL and restarted),"
        + " sampling the job's memory, threads and open files after every batch. Writes soak.json"
        + " and soak.md. A benchmark: it takes tens of minutes.")
public final class SoakCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where soak.json and soak.md go.")
  Path out;

  @Option(names = "--rows", defaultValue = "2000000", description = "Generated rows to stream (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--rows-per-second", defaultValue = "2000",
      description = "The producer's pace (default: ${DEFAULT-VALUE}).")
  double rowsPerSecond;

  @Option(names = "--max-rows-per-batch", defaultValue = "10000",
      description = "At most this many records per micro-batch (default: ${DEFAULT-VALUE}).")
  int maxRowsPerBatch;

  @Option(names = "--broker-restarts", defaultValue = "3", description = "Broker restarts during the run (default: ${DEFAULT-VALUE}).")
  int brokerRestarts;

  @Option(names = "--job-kills", defaultValue = "2", description = "SIGKILLs of the job during the run (default: ${DEFAULT-VALUE}).")
  int jobKills;

  @Option(names = "--job-heap", defaultValue = "1500m", description = "The job's -Xmx (default: ${DEFAULT-VALUE}).")
  String jobHeap;

  @Option(names = "--warm-up-rows", defaultValue = "200000",
      description = "Rows after which memory must stay flat: twice the default window (default: ${DEFAULT-VALUE}).")
  long warmUpRows;

  @Option(names = "--data", split = ",", paramLabel = "FILE",
      description = "Real exports to resample from (default: every CSV in ../shared/data/chicago).")
  List<Path> data;

  private static final String TOPIC = "soak";
  private static final Duration DEADLINE = Duration.ofHours(4);

  private final PrintStream log = System.err;

  @Override
  public Integer call() throws Exception {
    if (rows < 1 || maxRowsPerBatch < 1 || brokerRestarts < 0 || jobKills < 0 || !(rowsPerSecond > 0)) {
      throw new IllegalArgumentException("--rows, --max-rows-per-batch and --rows-per-second must be"
          + " positive, --broker-restarts and --job-kills at least 0");
    }
    Files.createDirectories(out);
    List<CrimeRecord> stream = GeneratedCrimes.resample(RealExports.read(data, log), rows,
        GeneratedCrimes.FIRST_ID, LocalDateTime.of(2016, 1, 1, 0, 0), 730, 11);
    Path checkpoint = out.resolve("soak-checkpoint");
    deleteRecursively(checkpoint);
    Path metrics = out.resolve("soak-metrics-generated-rows.json");
    Files.deleteIfExists(metrics);
    List<Fault> faults = Fault.plan(brokerRestarts, jobKills, rows);
    log.printf("soak: %,d GENERATED rows at %.0f rows/s, batches of at most %,d, faults %s%n",
        rows, rowsPerSecond, maxRowsPerBatch, faults);

    long start = System.nanoTime();
    List<SoakResult.Sample> samples = new ArrayList<>();
    List<SoakResult.FaultDone> done = new ArrayList<>();
    ProducerResult produced;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic(TOPIC, 1);
      // the job publishes every row's prediction, in the same transactions as its offsets
      kafka.createTopic(TopicName.predictions(TOPIC), 1);
      List<String> args = List.of("--topic", TOPIC, "--bootstrap-servers", kafka.bootstrapServers(),
          "--checkpoint-dir", checkpoint.toString(), "--metrics-file", metrics.toString(),
          "--max-rows-per-batch", Integer.toString(maxRowsPerBatch), "--no-dead-letter",
          // any free port on loopback: the default one may be another program's
          "--http-address", "127.0.0.1", "--http-port", "0");
      CompletableFuture<ProducerResult> producer = CompletableFuture.supplyAsync(() -> send(kafka, stream));
      int segment = 0;
      JobProcess job = JobProcess.start(args, jobHeap, out.resolve("soak-job-" + segment + ".log"));
      try {
        long lastBatch = -1;
        int next = 0;
        long trained = 0;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (trained < rows) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("not every row trained within " + DEADLINE + ": " + trained);
          }
          if (!job.isAlive()) {
            throw new IllegalStateException("the job died on its own; see soak-job-" + segment + ".log");
          }
          if (producer.isCompletedExceptionally()) {
            producer.join(); // rethrows the producer's failure
          }
          MetricsReport report = read(metrics);
          if (report != null && report.summary().lastBatch() != lastBatch) {
            lastBatch = report.summary().lastBatch();
            trained = report.summary().rowsTotal();
            JobProcess.ProcStatus proc = job.proc();
            samples.add(new SoakResult.Sample(segment, lastBatch, trained, job.liveHeapBytes(),
                proc.rssBytes(), proc.threads(), proc.openFiles(),
                (System.nanoTime() - start) / 1_000_000));
          }
          if (next < faults.size() && trained >= faults.get(next).atRows()) {
            Fault f = faults.get(next++);
            long t = System.nanoTime();
            if (f.kind() == Fault.Kind.BROKER_RESTART) {
              kafka.restart();
            } else {
              job.kill();
              segment++;
              job = JobProcess.start(args, jobHeap, out.resolve("soak-job-" + segment + ".log"));
            }
            done.add(new SoakResult.FaultDone(f.kind().name().toLowerCase(java.util.Locale.ROOT), trained,
                (System.nanoTime() - t) / 1_000_000));
            log.printf("soak: %s at %,d rows trained%n", f.kind(), trained);
          }
          Thread.sleep(500); // polling the job's metrics file, bounded by the deadline above
        }
      } finally {
        job.close();
      }
      produced = producer.join();
    }
    Checked checked = checkpointed(checkpoint.resolve("crimestream").resolve("rows"));
    MetricsReport last = read(metrics);
    SoakResult result = SoakResult.of(BenchResult.Machine.current(org.apache.spark.package$.MODULE$.SPARK_VERSION()),
        rows, rowsPerSecond, maxRowsPerBatch, jobHeap, warmUpRows, produced.rowsAcknowledged(),
        last.summary().rowsTotal(), last.rowsRejected(), checked.rows(), checked.distinct(), done,
        samples, (System.nanoTime() - start) / 1_000_000);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("soak.json").toFile(), result);
    String md = SoakTable.markdown(result);
    Files.writeString(out.resolve("soak.md"), md);
    System.out.println(md);
    return result.everyRowTrainedOnce() ? 0 : 1;
  }

  private ProducerResult send(EmbeddedKafka kafka, List<CrimeRecord> rows) {
    CrimeSource generated = (months, listener, clock) -> {
      long line = 1;
      for (CrimeRecord r : rows) {
        listener.accepted(r, ++line);
      }
      return new ReadSummary("generated", rows.size(), rows.size(), Map.of(), Map.of());
    };
    List<YearMonth> months = rows.stream().map(CrimeRecord::month).distinct().sorted().toList();
    try {
      ProducerResult r = Producer.run(ProducerConfig.of(months, generated,
          KafkaConnection.plaintext(kafka.bootstrapServers())).withTopic(TOPIC)
          .withPace(Pace.paced(rowsPerSecond, Math.max(1, (int) Math.round(rowsPerSecond / 10)))),
          new PrintStream(PrintStream.nullOutputStream()));
      if (!r.complete()) {
        throw new IllegalStateException("the producer did not deliver every row: " + r.summaryLine());
      }
      return r;
    } catch (Exception e) {
      throw new IllegalStateException("the producer failed: " + e.getMessage(), e);
    }
  }

  /** The rows the job checkpointed as trained, and how many distinct ids among them. */
  record Checked(long rows, long distinct) {}

  private static Checked checkpointed(Path rowsDir) throws IOException {
    java.util.Set<Long> ids = new java.util.HashSet<>();
    long lines = 0;
    try (Stream<Path> files = Files.list(rowsDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines++;
            if (WireCodec.decode(line.getBytes(StandardCharsets.UTF_8), f.toString())
                instanceof WireCodec.Accepted a) {
              ids.add(a.record().id());
            }
          }
        }
      }
    }
    return new Checked(lines, ids.size());
  }

  private static MetricsReport read(Path metrics) {
    try {
      return Files.isRegularFile(metrics) ? MetricsJson.readReport(metrics) : null;
    } catch (IOException e) {
      return null; // replaced atomically: only before the first write
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A fault to inject once the job has trained {@code atRows} rows. */
  record Fault(Kind kind, long atRows) {
    enum Kind { BROKER_RESTART, JOB_KILL }

    /** Spread over the run, broker restarts and kills interleaved, none in the last tenth. */
    static List<Fault> plan(int brokerRestarts, int jobKills, long rows) {
      List<Fault> faults = new ArrayList<>();
      int total = brokerRestarts + jobKills;
      int b = 0;
      int k = 0;
      for (int i = 0; i < total; i++) {
        boolean broker = k >= jobKills || (b < brokerRestarts && i % 2 == 0);
        long at = Math.round(rows * (0.1 + 0.8 * (i + 0.5) / total));
        faults.add(new Fault(broker ? Kind.BROKER_RESTART : Kind.JOB_KILL, at));
        if (broker) {
          b++;
        } else {
          k++;
        }
      }
      return faults;
    }
  }
}
