package io.crimestream.local.bench;

import io.crimestream.job.SparkSessions;
import io.crimestream.job.StreamingJob;
import io.crimestream.job.config.JobConfig;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.record.CrimeRecord;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Start to the first trained batch: the Spark session, the query's start and the study's first
 * 120 rows, waiting on the topic, trained and published.
 */
final class FirstTrainedBatch {

  private FirstTrainedBatch() {}

  static long measure(EmbeddedKafka kafka, List<CrimeRecord> real, LearningConfig learning, PrintStream log)
      throws Exception {
    String topic = "bench-first";
    kafka.createTopic(topic, 1);
    // the job publishes its predictions, as a user's does (the launcher creates the topic too)
    kafka.createTopic(topic + "-predictions", 1);
    GeneratedTopic.send(kafka, topic, GeneratedCrimes.resample(real, 120, GeneratedCrimes.FIRST_ID,
        LocalDateTime.of(2016, 5, 1, 0, 0), 1, 1));
    Path checkpoint = Files.createTempDirectory("crimestream-bench-");
    CompletableFuture<Long> trained = new CompletableFuture<>();
    long start = System.nanoTime();
    JobConfig config = JobConfig.builder(KafkaConnection.plaintext(kafka.bootstrapServers()), topic, checkpoint)
        .learning(learning).deadLetterTopic(null).build();
    try (StreamingJob job = StreamingJob.start(SparkSessions.getOrCreate("crimestream-bench"), config,
        List.of(), outcome -> {
          if (outcome.metrics() != null) {
            trained.complete((System.nanoTime() - start) / 1_000_000);
          }
        })) {
      long millis = trained.get(5, TimeUnit.MINUTES);
      log.printf("first trained batch %d ms after the job's start%n", millis);
      return millis;
    }
  }
}
