package io.crimestream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.config.JobConfig;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.job.testing.Await;
import io.crimestream.job.testing.ChildJvm;
import io.crimestream.job.testing.RealMonth;
import io.crimestream.job.testing.Topics;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.options.ModelKind;
import io.crimestream.producer.ProducerMain;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.SharedData;
import io.crimestream.record.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills and restarts in the middle of a month: the streaming job (SIGKILL, restarted from its
 * checkpoint), the producer (SIGKILL, run again for the same month) and the broker (restarted
 * while the producer sends and the job reads). Whatever dies, every valid row is trained exactly
 * once.
 */
class RestartsIT {

  private static final String TOPIC = "crimenes";
  private static final Duration DEADLINE = Duration.ofMinutes(4);

  @TempDir
  Path dir;

  @Test
  void aJobKilledInTheMiddleOfAMonthResumesFromItsCheckpointAndTrainsEveryRowOnce()
      throws Exception {
    List<CrimeRecord> month = RealMonth.rows();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic(TOPIC, 1);
      kafka.createTopic(TOPIC + "-dlq", 1);
      kafka.createTopic(TOPIC + "-predictions", 1);
      Topics.write(kafka.bootstrapServers(), TOPIC, month.stream().map(r -> new byte[][] {
          WireCodec.key(r).getBytes(StandardCharsets.UTF_8), WireCodec.encode(r)}).toList());

      Path checkpoint = dir.resolve("checkpoint");
      Path metrics = dir.resolve("metrics.json");
      List<String> args = List.of("--topic", TOPIC, "--bootstrap-servers", kafka.bootstrapServers(),
          "--months", RealMonth.MONTH, "--checkpoint-dir", checkpoint.toString(),
          "--metrics-file", metrics.toString(), "--max-rows-per-batch", "1000", "--max-rows-when-behind", "1000",
          // one model: what is tested is which rows are trained, not how well
          "--models", "logistic_regression");

      long rowsAtKill;
      try (ChildJvm first = ChildJvm.streamingJob(args, Map.of(), dir.resolve("job-1.log"))) {
        // two batches trained and the third under way (its rows checkpointed, its commit not
        // yet written): kill it there, as a node failure would
        Path thirdBatchRows = checkpoint.resolve("crimestream/rows/batch-000000000002.jsonl");
        Await.until("the third batch under way", DEADLINE, () -> {
          assertThat(first.isAlive()).as("the job died on its own:\n%s", first.tail(40)).isTrue();
          return Files.exists(thirdBatchRows);
        }, () -> first.tail(40));
        first.kill();
        rowsAtKill = report(metrics).summary().rowsTotal();
        assertThat(rowsAtKill).as("killed in the middle of the month").isBetween(2000L, 3445L);
      }

      String resumed;
      try (ChildJvm second = ChildJvm.streamingJob(args, Map.of(), dir.resolve("job-2.log"))) {
        Await.until("every row trained after the restart", DEADLINE, () -> {
          assertThat(second.isAlive()).as("the restarted job died:\n%s", second.tail(40)).isTrue();
          MetricsReport r = report(metrics);
          return r != null && r.summary().rowsTotal() >= RealMonth.ROWS;
        }, () -> second.tail(40));
        resumed = second.log();
        second.terminate();
      }

      MetricsReport report = MetricsJson.readReport(metrics);
      assertThat(report.summary().rowsTotal()).isEqualTo(RealMonth.ROWS);
      // a batch trained twice would show as re-sent ids, or as new rows counted twice
      assertThat(report.rowsRejected()).as("rows seen twice").isEmpty();
      assertThat(report.batches().stream().mapToLong(BatchMetrics::rowsInBatch).sum())
          .isEqualTo(RealMonth.ROWS);
      List<Long> trained = RealMonth.checkpointedIds(checkpoint);
      assertThat(trained).doesNotHaveDuplicates()
          .containsExactlyElementsOf(month.stream().map(CrimeRecord::id).toList());
      // one prediction per incident on the predictions topic, as a read-committed reader sees it,
      // although the killed job had published some of them in a batch that ran again
      List<String> predicted = Topics.readCommitted(kafka.bootstrapServers(), TOPIC + "-predictions",
          RealMonth.ROWS).stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
      assertThat(predicted).hasSize(RealMonth.ROWS).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(month.stream().map(WireCodec::key).toList());
      // the restarted job scored its first batch with the models it had, from the registry
      assertThat(resumed).contains("and the registry's latest versions");
      // it resumed from the checkpoint rather than starting over
      Matcher m = Pattern.compile("resuming at batch (\\d+) with (\\d+) rows trained before")
          .matcher(resumed);
      assertThat(m.find()).as("the restarted job's log:\n%s", resumed).isTrue();
      long resumedAt = Long.parseLong(m.group(1));
      long rowsRecovered = Long.parseLong(m.group(2));
      // every batch before the first uncommitted one held 1,000 rows, and those are exactly the
      // rows rebuilt: none of the uncommitted batch, none missing
      assertThat(rowsRecovered).isEqualTo(1000 * resumedAt).isBetween(2000L, rowsAtKill);
      System.out.printf("killed with %d rows published and batch 2's rows checkpointed; resumed"
          + " at batch %d with %d rows%n", rowsAtKill, resumedAt, rowsRecovered);
    }
  }

  @Test
  void aJobAskedToStopBySigtermEndsWithinItsGracePeriodAndARestartTrainsEveryRowOnce()
      throws Exception {
    List<CrimeRecord> month = RealMonth.rows();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic(TOPIC, 1);
      kafka.createTopic(TOPIC + "-dlq", 1);
      kafka.createTopic(TOPIC + "-predictions", 1);
      Topics.write(kafka.bootstrapServers(), TOPIC, month.stream().map(r -> new byte[][] {
          WireCodec.key(r).getBytes(StandardCharsets.UTF_8), WireCodec.encode(r)}).toList());
      Path checkpoint = dir.resolve("checkpoint");
      Path metrics = dir.resolve("metrics.json");
      List<String> args = List.of("--topic", TOPIC, "--bootstrap-servers", kafka.bootstrapServers(),
          "--months", RealMonth.MONTH, "--checkpoint-dir", checkpoint.toString(),
          "--metrics-file", metrics.toString(), "--max-rows-per-batch", "500", "--max-rows-when-behind", "500",
          "--models", "logistic_regression,random_forest", "--stop-grace-period", "20s");

      MetricsReport atStop;
      try (ChildJvm first = ChildJvm.streamingJob(args, Map.of(), dir.resolve("job-1.log"))) {
        Await.until("two batches trained", DEADLINE, () -> {
          assertThat(first.isAlive()).as("the job died on its own:\n%s", first.tail(40)).isTrue();
          MetricsReport r = report(metrics);
          return r != null && r.batches().size() >= 2;
        }, () -> first.tail(40));
        long asked = System.nanoTime();
        int status = first.terminate(); // SIGTERM, what Kubernetes sends before SIGKILL
        Duration took = Duration.ofNanos(System.nanoTime() - asked);
        assertThat(status).as("the exit status after SIGTERM:\n%s", first.tail(30)).isEqualTo(143);
        assertThat(took).as("ended within the grace period and the query's stop")
            .isLessThan(Duration.ofSeconds(28));
        assertThat(first.log()).contains("asked to stop");
        atStop = MetricsJson.readReport(metrics);
      }
      // the metrics show the last completed batch, and only completed ones
      assertThat(atStop.summary().rowsTotal()).isEqualTo(
          atStop.batches().stream().mapToLong(BatchMetrics::rowsInBatch).sum()).isLessThan(RealMonth.ROWS);

      try (ChildJvm second = ChildJvm.streamingJob(args, Map.of(), dir.resolve("job-2.log"))) {
        Await.until("every row trained after the restart", DEADLINE, () -> {
          assertThat(second.isAlive()).as("the restarted job died:\n%s", second.tail(40)).isTrue();
          MetricsReport r = report(metrics);
          return r != null && r.summary().rowsTotal() >= RealMonth.ROWS;
        }, () -> second.tail(40));
        assertThat(second.log()).contains("resuming at batch");
        second.terminate();
      }
      MetricsReport report = MetricsJson.readReport(metrics);
      assertThat(report.summary().rowsTotal()).isEqualTo(RealMonth.ROWS);
      assertThat(report.rowsRejected()).as("rows seen twice").isEmpty();
      assertThat(RealMonth.checkpointedIds(checkpoint)).doesNotHaveDuplicates()
          .containsExactlyElementsOf(month.stream().map(CrimeRecord::id).toList());
    }
  }

  @Test
  void aProducerKilledAndRunAgainAndABrokerRestartedMidStreamLoseAndDuplicateNothing()
      throws Exception {
    List<CrimeRecord> month = RealMonth.rows();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic(TOPIC, 1);
      kafka.createTopic(TOPIC + "-dlq", 1);
      kafka.createTopic(TOPIC + "-predictions", 1);
      String bootstrap = kafka.bootstrapServers();
      Path checkpoint = dir.resolve("checkpoint");
      JobConfig config = JobConfig.builder(KafkaConnection.plaintext(bootstrap), TOPIC, checkpoint)
          .months(List.of(RealMonth.MONTH)).maxRowsPerBatch(1000)
          .learning(LearningConfig.defaults().withModels(List.of(ModelKind.LOGISTIC_REGRESSION)))
          .build();
      Path metrics = dir.resolve("metrics.json");
      long partial;
      try (StreamingJob job = StreamingJob.start(SparkSessions.getOrCreate("restarts"), config,
          List.of(new JsonFileMetricsSink(metrics)), o -> { })) {

        // the first producer is killed once a third of the month is on the topic
        try (ChildJvm producer = ChildJvm.producer(producerArgs(bootstrap),
            Map.of(), dir.resolve("producer-1.log"))) {
          Await.until("a third of the month sent", DEADLINE, () -> {
            assertThat(producer.isAlive()).as("the producer ended early:\n%s", producer.tail(20))
                .isTrue();
            return Topics.endOffset(bootstrap, TOPIC) >= 1200;
          }, () -> producer.tail(20));
          producer.kill();
          partial = Topics.endOffset(bootstrap, TOPIC);
        }
        assertThat(partial).as("killed in the middle of the month").isLessThan(RealMonth.ROWS);

        // run again for the same month; the broker restarts while it sends
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> rerun = CompletableFuture.supplyAsync(() -> ProducerMain.run(
            producerArgs(bootstrap).toArray(String[]::new), Map.of(), System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        Await.until("the second producer half way", DEADLINE, () -> {
          assertThat(rerun.isDone()).as("the producer ended before the restart: %s",
              err.toString(StandardCharsets.UTF_8)).isFalse();
          return Topics.endOffset(bootstrap, TOPIC) >= partial + RealMonth.ROWS / 3;
        }, () -> err.toString(StandardCharsets.UTF_8));
        long progressAtRestart = job.progress().rowsTotal();
        kafka.restart();

        assertThat(rerun.get(3, TimeUnit.MINUTES)).as(err.toString(StandardCharsets.UTF_8))
            .isZero();
        String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("done: 3446 of 3446 valid rows of 2016-05"
            + " acknowledged by topic crimenes");
        long end = Topics.endOffset(bootstrap, TOPIC);
        assertThat(end).as("every row of the second run on the topic once")
            .isEqualTo(partial + RealMonth.ROWS);

        // the job reads on past the restart to the end of the topic
        Await.until("the job at the end of the topic", DEADLINE, () -> {
          assertThat(job.query().exception().isEmpty()).as("the stream failed: %s",
              job.query().exception()).isTrue();
          return job.progress().reached(Map.of(0, end));
        }, () -> "progress " + job.progress());
        assertThat(job.query().isActive()).isTrue();
        assertThat(job.progress().rowsTotal()).isGreaterThan(progressAtRestart);
      }

      MetricsReport report = MetricsJson.readReport(metrics);
      assertThat(report.summary().rowsTotal()).isEqualTo(RealMonth.ROWS);
      assertThat(report.rowsRejected()).isEqualTo(Map.of("duplicate_id", partial));
      assertThat(RealMonth.checkpointedIds(checkpoint)).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(month.stream().map(CrimeRecord::id).toList());
      assertThat(Topics.readAll(bootstrap, TOPIC + "-dlq", (int) partial))
          .hasSize((int) partial)
          .allSatisfy(l -> assertThat(Topics.header(l, "crimestream.reason"))
              .isEqualTo("duplicate_id"));
    }
  }

  /** The month at 1,000 rows a second: about 3.5 s, time enough to kill or restart something. */
  private static List<String> producerArgs(String bootstrap) {
    return new ArrayList<>(List.of("--months", RealMonth.MONTH,
        "--source", SharedData.file(SharedData.KAGGLE).toAbsolutePath().toString(),
        "--topic", TOPIC, "--bootstrap-servers", bootstrap,
        "--rows-per-second", "1000", "--batch-rows", "50"));
  }

  /** The metrics file as last published, or null before the first batch. */
  private static MetricsReport report(Path metrics) {
    if (!Files.isRegularFile(metrics)) {
      return null;
    }
    try {
      return MetricsJson.readReport(metrics);
    } catch (IOException e) {
      throw new AssertionError("the metrics file does not read", e);
    }
  }
}
