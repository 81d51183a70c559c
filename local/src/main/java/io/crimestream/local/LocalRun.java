package io.crimestream.local;

import io.crimestream.job.SparkSessions;
import io.crimestream.job.StreamingJob;
import io.crimestream.job.config.JobConfig;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.local.charts.MetricsCharts;
import io.crimestream.metrics.BatchLine;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.LoadedMonths;
import io.crimestream.producer.MonotonicClock;
import io.crimestream.producer.MonthLoader;
import io.crimestream.producer.Pace;
import io.crimestream.producer.Producer;
import io.crimestream.producer.ProducerConfig;
import io.crimestream.producer.ProducerResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole pipeline on one machine: the source read first (so that a data error shows before
 * anything starts), then a real KRaft broker, the topic and its dead-letter topic, the streaming
 * job on Spark {@code local[2]} and the producer, all in this process; it ends once every record
 * the producer delivered has been through a micro-batch, or when a signal asks it to stop.
 */
public final class LocalRun {

  /** How long the job may take to finish the last records after the producer is done. */
  static final Duration DRAIN_DEADLINE = Duration.ofMinutes(15);

  /**
   * What to run.
   *
   * @param jobSettings the job's options (features, models, window...) on top of its defaults;
   *                    where to read and where to checkpoint are this run's
   * @param keepServing once the stream is drained, keep the job and its HTTP endpoint up until a
   *                    signal (or an interrupt of the run's thread)
   */
  public record Request(List<YearMonth> months, CrimeSource source, Pace pace, String topic,
                        UnaryOperator<JobConfig.Builder> jobSettings, Path outDir, History history,
                        boolean keepServing) {

    public Request {
      if (history != null) {
        List<YearMonth> both = history.months().stream().filter(months::contains).toList();
        if (!both.isEmpty()) {
          throw new IllegalArgumentException("--history-months and --months both name " + both
              + ": a month is either learned from first (history) or streamed, not both");
        }
      }
    }

    /** Without history. */
    public Request(List<YearMonth> months, CrimeSource source, Pace pace, String topic,
                   UnaryOperator<JobConfig.Builder> jobSettings, Path outDir) {
      this(months, source, pace, topic, jobSettings, outDir, null, false);
    }

    /** With history, not kept serving. */
    public Request(List<YearMonth> months, CrimeSource source, Pace pace, String topic,
                   UnaryOperator<JobConfig.Builder> jobSettings, Path outDir, History history) {
      this(months, source, pace, topic, jobSettings, outDir, history, false);
    }

    /** The same request, kept serving (or not) once drained. */
    public Request keepServing(boolean keep) {
      return new Request(months, source, pace, topic, jobSettings, outDir, history, keep);
    }
  }

  /** Months the models learn from before the stream (a warm start), and where they come from. */
  public record History(List<YearMonth> months, CrimeSource source) {}

  /** The stream's months and the history's, as read before anything starts. */
  record Loaded(LoadedMonths stream, LoadedMonths history) {}

  /**
   * What the run left behind.
   *
   * @param producer        the producer's account, or {@code null} when a signal stopped the run
   *                        before it had sent everything
   * @param stoppedBySignal whether SIGTERM or Ctrl-C ended the run before the stream was drained
   */
  public record Result(ProducerResult producer, MetricsReport report, Path metricsFile,
                       List<Path> charts, Path reportPage, boolean stoppedBySignal) {}

  private LocalRun() {}

  /**
   * Reads the source, then runs on a broker of its own; a {@code signal} received ends it in
   * order.
   */
  public static Result run(Request request, StopSignal signal, PrintStream out, PrintStream progress)
      throws Exception {
    Loaded loaded = load(request, progress);
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      return run(request, loaded, kafka, signal, out, progress);
    }
  }

  /** Reads the source, then runs on a broker of its own. */
  public static Result run(Request request, PrintStream out, PrintStream progress) throws Exception {
    return run(request, StopSignal.NONE, out, progress);
  }

  /** Runs on {@code kafka}, which may already hold records of the topic (tests put some there). */
  public static Result run(Request request, EmbeddedKafka kafka, PrintStream out, PrintStream progress)
      throws Exception {
    return run(request, load(request, progress), kafka, StopSignal.NONE, out, progress);
  }

  /** The requested months of the source (and the history's): the first thing a run does. */
  static Loaded load(Request request, PrintStream progress) throws Exception {
    LoadedMonths history = request.history() == null ? null
        : MonthLoader.load(request.history().source(), request.history().months(), progress, MonotonicClock.SYSTEM);
    return new Loaded(MonthLoader.load(request.source(), request.months(), progress, MonotonicClock.SYSTEM),
        history);
  }

  private static Result run(Request request, Loaded both, EmbeddedKafka kafka, StopSignal signal,
                            PrintStream out, PrintStream progress) throws Exception {
    LoadedMonths loaded = both.stream();
    Path outDir = request.outDir();
    Files.createDirectories(outDir);
    Path metricsFile = outDir.resolve("metrics.json");
    Files.deleteIfExists(metricsFile);
    Path models = outDir.resolve("models");
    deleteRecursively(models); // a run's registry is its own, as its metrics are
    Path checkpoint = Files.createTempDirectory("crimestream-checkpoint-");
    KafkaConnection connection = KafkaConnection.plaintext(kafka.bootstrapServers());
    JobConfig config = request.jobSettings()
        .apply(JobConfig.builder(connection, request.topic(), checkpoint)
            .months(request.months().stream().map(YearMonth::toString).toList())
            .predictionsFile(outDir.resolve("predictions.jsonl"))
            .modelsDir(models))
        .build();
    try {
      kafka.createTopic(config.topic(), 1);
      if (config.deadLetterTopic() != null) {
        kafka.createTopic(config.deadLetterTopic(), 1);
      }
      if (config.predictionsTopic() != null) {
        kafka.createTopic(config.predictionsTopic(), 1);
      }
      progress.printf("Kafka broker (KRaft) on %s, topic %s; Spark local[2]%n",
          kafka.bootstrapServers(), config.topic());

      ProducerResult produced = null;
      boolean drained = false;
      MetricsReport report;
      JsonFileMetricsSink metrics = new JsonFileMetricsSink(metricsFile);
      try (StreamingJob job = StreamingJob.start(SparkSessions.getOrCreate("crimestream-local"),
          config, List.of(metrics), outcome -> printBatch(out, outcome))) {
        job.monitoring().ifPresent(m -> {
          progress.println("metrics: " + m.url() + "/metrics (Prometheus)");
          progress.println(DASHBOARD_LINE + m.url() + "/ (open it in a browser: the models learning, live)");
        });
        try {
          if (both.history() != null) {
            ProducerResult history = Producer.send(both.history(), ProducerConfig.of(request.history().months(),
                    request.history().source(), connection).withTopic(config.topic()).withPace(Pace.REPLAY)
                .withHistory(true), progress, MonotonicClock.SYSTEM);
            if (!history.complete()) {
              throw new LocalRunException(1, "the producer could not deliver " + history.rowsFailed()
                  + " history rows; stopping");
            }
          }
          produced = Producer.send(loaded, ProducerConfig.of(request.months(), request.source(), connection)
              .withTopic(config.topic()).withPace(request.pace()), progress, MonotonicClock.SYSTEM);
          if (!produced.complete()) {
            throw new LocalRunException(1, "the producer could not deliver " + produced.rowsFailed()
                + " rows; stopping");
          }
          job.recordSource(loaded.account());
          awaitDrained(job, kafka, config.topic());
          drained = true;
          if (request.keepServing() && job.monitoring().isPresent()) {
            serveUntilStopped(job.monitoring().get().url(), progress);
          }
        } catch (InterruptedException | RuntimeException e) {
          if (!signal.received()) {
            throw e;
          }
          Thread.interrupted(); // the signal's interrupt is handled: stop in order below
          progress.println("asked to stop: the batch in flight, if any, may complete within "
              + config.stopGracePeriod().toSeconds() + " s");
        }
        job.stopGracefully(config.stopGracePeriod());
        report = job.report().withSource(loaded.account());
      }
      metrics.publish(report); // the last completed batch, and where every line of the source went
      List<Path> charts = MetricsCharts.write(report, outDir.resolve("charts"));
      Path page = LocalReportPage.write(report, outDir, loaded.rows());
      // a signal while a drained run kept serving only ends the serving
      boolean stoppedEarly = signal.received() && !drained;
      return new Result(stoppedEarly ? null : produced, report, metricsFile, charts, page, stoppedEarly);
    } finally {
      deleteRecursively(checkpoint);
    }
  }

  /** The printed line a kept-serving run waits after (tests wait for it too). */
  static final String SERVING_LINE = "the stream is drained; still serving ";
  /** The start of the printed line that says where the dashboard is. */
  static final String DASHBOARD_LINE = "dashboard: ";

  /** Blocks until the run's thread is interrupted (a signal, or a test), the outputs still up. */
  private static void serveUntilStopped(String url, PrintStream progress) {
    progress.println(SERVING_LINE + url + "/metrics and the dashboard " + url + "/ until Ctrl-C");
    CountDownLatch never = new CountDownLatch(1);
    try {
      never.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Thread.interrupted(); // asked to stop serving: the run ends in order below
  }

  /** Waits until the job has processed every record up to the topic's end offsets. */
  static void awaitDrained(StreamingJob job, EmbeddedKafka kafka, String topic) throws Exception {
    Map<Integer, Long> end = new HashMap<>();
    try (Admin admin = kafka.admin()) {
      var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp.partition(), info.offset()));
    }
    long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
    while (!job.progress().reached(end)) {
      if (job.query().exception().isDefined()) {
        throw new LocalRunException(1, "the streaming job failed: " + job.query().exception().get().getMessage());
      }
      if (!job.query().isActive()) {
        throw new LocalRunException(1, "the streaming job stopped before reaching the end of the topic");
      }
      if (System.nanoTime() > deadline) {
        throw new LocalRunException(1, "the streaming job did not reach the end of the topic within "
            + DRAIN_DEADLINE.toMinutes() + " minutes of the producer finishing (at " + job.progress()
            + ", end " + end + ")");
      }
      Thread.sleep(100); // polling the job's progress, bounded by the deadline above
    }
  }

  private static void printBatch(PrintStream out, MicroBatchProcessor.BatchOutcome outcome) {
    if (outcome.metrics() != null) {
      out.println(BatchLine.of(outcome.metrics()));
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
}
