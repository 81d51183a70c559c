package io.crimestream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.config.JobConfig;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.job.testing.Await;
import io.crimestream.job.testing.BadRecordCorpus;
import io.crimestream.job.testing.RealMonth;
import io.crimestream.job.testing.Topics;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.options.ModelKind;
import io.crimestream.record.CrimeRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage on the topic: 1,200 malformed records of every kind mixed into the real May 2016. The
 * stream must not stop, must count each bad record by its reason, must put each one on the
 * dead-letter topic with that reason, and must train every valid row exactly once.
 */
class BadRecordsIT {

  private static final String TOPIC = "crimenes";
  private static final String DLQ = "crimenes-dlq";
  private static final int BAD = 1200;

  @Test
  void malformedRecordsAreCountedAndDeadLetteredAndEveryValidRowIsTrainedOnce(@TempDir Path dir)
      throws Exception {
    List<CrimeRecord> month = RealMonth.rows();
    assertThat(month).hasSize(RealMonth.ROWS);
    BadRecordCorpus corpus = BadRecordCorpus.interleave(month, BAD, 20160501L);
    Map<String, Long> expected = corpus.expectedRejections();
    // the corpus covers every category the issue lists, each many times
    assertThat(expected.keySet()).contains("invalid_json", "not_an_object", "empty_record",
        "invalid_utf8", "wrong_type:arrest", "wrong_type:ward", "missing_field:arrest",
        "missing_field:date", "out_of_range:ward", "out_of_range:date", "too_long",
        "too_long:block", "duplicate_id");
    assertThat(expected.values()).allMatch(n -> n >= 10);

    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic(TOPIC, 1);
      kafka.createTopic(DLQ, 1);
      kafka.createTopic(TOPIC + "-predictions", 1);
      List<Topics.Sent> sent = Topics.write(kafka.bootstrapServers(), TOPIC,
          corpus.entries().stream().map(BadRecordCorpus.Entry::keyValue).toList());
      long end = sent.get(sent.size() - 1).offset() + 1;
      assertThat(end).isEqualTo(RealMonth.ROWS + BAD);

      Path checkpoint = dir.resolve("checkpoint");
      Path metrics = dir.resolve("metrics.json");
      JobConfig config = JobConfig.builder(KafkaConnection.plaintext(kafka.bootstrapServers()),
          TOPIC, checkpoint).months(List.of(RealMonth.MONTH)).maxRowsPerBatch(2000)
          // one model: what is tested is which records are trained, not how well
          .learning(LearningConfig.defaults().withModels(List.of(ModelKind.LOGISTIC_REGRESSION)))
          .build();
      try (StreamingJob job = StreamingJob.start(SparkSessions.getOrCreate("bad-records"), config,
          List.of(new JsonFileMetricsSink(metrics)), o -> { })) {
        Await.until("the job at the end of the topic", Duration.ofMinutes(3), () -> {
          assertThat(job.query().exception().isEmpty()).as("the stream failed: %s", job.query().exception()).isTrue();
          return job.progress().reached(Map.of(0, end));
        }, () -> "progress " + job.progress());
        assertThat(job.query().isActive()).as("the stream still runs").isTrue();
        assertThat(job.query().exception().isEmpty()).isTrue();
      }

      // every bad record counted under its reason, nothing else rejected
      MetricsReport report = MetricsJson.readReport(metrics);
      assertThat(report.rowsRejected()).isEqualTo(expected);
      assertThat(report.summary().rowsRejectedTotal()).isEqualTo(BAD);
      // every valid row trained once: the totals, the batches' new rows and the checkpoint agree
      assertThat(report.summary().rowsTotal()).isEqualTo(RealMonth.ROWS);
      assertThat(report.batches().stream().mapToLong(BatchMetrics::rowsInBatch).sum())
          .isEqualTo(RealMonth.ROWS);
      List<Long> trained = RealMonth.checkpointedIds(checkpoint);
      assertThat(trained).doesNotHaveDuplicates()
          .containsExactlyElementsOf(month.stream().map(CrimeRecord::id).toList());

      // the dead-letter topic holds exactly the bad records, each as sent, with its reason and
      // where it came from
      Map<Long, Topics.Sent> badByOffset = new HashMap<>();
      for (int i = 0; i < sent.size(); i++) {
        if (!corpus.entries().get(i).valid()) {
          badByOffset.put(sent.get(i).offset(), sent.get(i));
        }
      }
      Map<Long, String> reasonByOffset = new HashMap<>();
      for (int i = 0; i < sent.size(); i++) {
        reasonByOffset.put(sent.get(i).offset(), corpus.entries().get(i).expectedReason());
      }
      List<ConsumerRecord<byte[], byte[]>> letters = Topics.readAll(kafka.bootstrapServers(), DLQ,
          BAD);
      assertThat(letters).hasSize(BAD);
      List<String> problems = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> letter : letters) {
        String source = Topics.header(letter, "crimestream.source");
        long offset = Long.parseLong(source.substring((TOPIC + "-0@").length()));
        Topics.Sent original = badByOffset.remove(offset);
        if (original == null) {
          problems.add(source + ": not a bad record, or dead-lettered twice");
          continue;
        }
        if (!text(original.value()).equals(text(letter.value()))
            || !text(original.key()).equals(text(letter.key()))) {
          problems.add(source + ": the letter's key or value differ from the record sent");
        }
        String reason = Topics.header(letter, "crimestream.reason");
        if (!reasonByOffset.get(offset).equals(reason)) {
          problems.add(source + ": reason " + reason + ", expected " + reasonByOffset.get(offset));
        }
        if (Topics.header(letter, "crimestream.detail") == null
            || Topics.header(letter, "crimestream.detail").isBlank()) {
          problems.add(source + ": no detail");
        }
      }
      assertThat(problems).isEmpty();
      assertThat(badByOffset).as("bad records missing from the dead-letter topic").isEmpty();
    }
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "<null>" : Base64.getEncoder().encodeToString(bytes);
  }
}
