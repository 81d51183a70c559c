package io.crimestream.local.bench;

import io.crimestream.job.SparkSessions;
import io.crimestream.job.StreamingJob;
import io.crimestream.job.config.JobConfig;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.record.CrimeRecord;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A year replayed through the job: GENERATED rows (resampled from the real exports) sent to a
 * topic of the embedded broker as fast as it acknowledges, and the streaming job, started
 * beforehand and waiting on the topic, reading and learning them as it does any stream (its
 * micro-batches following the backlog, predictions published, versions saved), until every
 * row has been learned.
 */
final class FullReplay {

  /** How long the replay may take before the bench gives up on it. */
  static final long DEADLINE_MINUTES = 60;

  private FullReplay() {}

  static BenchResult.FullReplay measure(EmbeddedKafka kafka, List<CrimeRecord> real, int rows, int batchRows,
                                        int maxRowsWhenBehind, LearningConfig learning, PrintStream log)
      throws Exception {
    String topic = "bench-full-replay-" + maxRowsWhenBehind;
    kafka.createTopic(topic, 1);
    kafka.createTopic(topic + "-predictions", 1);
    List<CrimeRecord> year = GeneratedCrimes.resample(real, rows, GeneratedCrimes.FIRST_ID,
        LocalDateTime.of(2016, 1, 1, 0, 0), 365, 11);
    Path checkpoint = Files.createTempDirectory("crimestream-bench-replay-");
    JobConfig config = JobConfig.builder(KafkaConnection.plaintext(kafka.bootstrapServers()), topic, checkpoint)
        .learning(learning).deadLetterTopic(null).maxRowsPerBatch(batchRows).maxRowsWhenBehind(maxRowsWhenBehind)
        .build();
    CompletableFuture<MetricsReport> done = new CompletableFuture<>();
    AtomicInteger batches = new AtomicInteger();
    try (StreamingJob job = StreamingJob.start(SparkSessions.getOrCreate("crimestream-bench"), config,
        List.of(), outcome -> {
          if (outcome.records() > 0) {
            batches.incrementAndGet();
          }
          if (outcome.rowsTotal() >= year.size()) {
            done.complete(outcome.report());
          }
        })) {
      long start = System.nanoTime();
      GeneratedTopic.send(kafka, topic, year);
      MetricsReport report = done.get(DEADLINE_MINUTES, TimeUnit.MINUTES);
      long millis = (System.nanoTime() - start) / 1_000_000;
      String champion = report.champion() == null ? null : report.champion().model();
      ModelMetrics m = champion == null ? null : report.summary().models().get(champion);
      Double auc = m == null || m.prequentialCumulative() == null ? null : m.prequentialCumulative().areaUnderROC();
      BenchResult.FullReplay r = new BenchResult.FullReplay(year.size(), millis, batches.get(),
          report.summary().batches(), batchRows, maxRowsWhenBehind, champion, auc);
      log.printf("full replay: %,d rows in %,d ms, %d micro-batches, %d retrains (steps of at least %d rows,"
              + " micro-batches of up to %d), champion %s, cumulative prequential AUC %s%n", r.rows(), r.millis(),
          r.batches(), r.retrains(), batchRows, maxRowsWhenBehind, champion, auc);
      return r;
    }
  }
}
