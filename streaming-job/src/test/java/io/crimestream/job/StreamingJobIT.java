package io.crimestream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.config.JobConfig;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.job.testing.RealMonth;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.options.ModelKind;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.WireCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingJobIT {

  @Test
  void trainsEveryValidRowOfAMonthOnce(@TempDir Path dir) throws Exception {
    List<CrimeRecord> month = RealMonth.rows();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("crimenes", 1);
      kafka.createTopic("crimenes-dlq", 1);
      kafka.createTopic("crimenes-predictions", 1);
      try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
          kafka.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
        for (CrimeRecord r : month) {
          p.send(new ProducerRecord<>("crimenes", WireCodec.key(r), WireCodec.encode(r)));
        }
        p.send(new ProducerRecord<>("crimenes", "x", "not json".getBytes()));
        p.send(new ProducerRecord<>("crimenes", WireCodec.key(month.get(0)), WireCodec.encode(month.get(0))));
      }
      JobConfig config = JobConfig.builder(KafkaConnection.plaintext(kafka.bootstrapServers()), "crimenes",
          dir.resolve("checkpoint")).months(List.of("2016-05")).maxRowsPerBatch(1000).build();
      Path metrics = dir.resolve("metrics.json");
      SparkSession spark = SparkSessions.getOrCreate("test");
      try (StreamingJob job = StreamingJob.start(spark, config,
          List.of(new JsonFileMetricsSink(metrics)), o -> {})) {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!job.progress().reached(Map.of(0, (long) month.size() + 2)) && System.nanoTime() < deadline) {
          assertThat(job.query().exception().isEmpty()).as("query failed: %s", job.query().exception()).isTrue();
          Thread.onSpinWait();
          Thread.sleep(200);
        }
      }
      // Spark tracks each job under the SQL execution (here a batch's) that submitted it until
      // that execution ends: a job still tracked once the query stopped would be kept, with its
      // RDDs and closures, for the driver's life (the trainer's and the registry's threads once
      // submitted theirs under the first batch's long-ended execution: the soak's growing heap)
      assertThat(spark.sparkContext().dagScheduler().activeQueryToJobs().values())
          .as("jobs Spark still tracks under an ended query execution").allSatisfy(jobs -> assertThat(jobs).isEmpty());
      MetricsReport report = MetricsJson.readReport(metrics);
      assertThat(report.summary().rowsTotal()).isEqualTo(month.size());
      assertThat(report.rowsRejected()).containsEntry("invalid_json", 1L).containsEntry("duplicate_id", 1L);
      assertThat(report.batches()).isNotEmpty().allSatisfy(b -> assertThat(b.models()).containsKeys(
          ModelKind.LOGISTIC_REGRESSION.id(), ModelKind.DECISION_TREE.id(), ModelKind.RANDOM_FOREST.id(),
          ModelKind.IUCR_RATE_BASELINE));
      System.out.println(MetricsJson.write(report.summary(), true));
    }
  }
}
