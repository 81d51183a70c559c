package io.crimestream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelNames;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.Pace;
import io.crimestream.record.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded pipeline end to end: a real KRaft broker, the real producer and the streaming job,
 * on a real month that the file cuts off in its last line, with garbage on the topic too.
 */
class LocalRunIT {

  @Test
  void everyRecordSentIsTrainedOnOrRejectedAndTheOutputsAreThere(@TempDir Path out) throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("crimenes", 1);
      int garbage = sendGarbage(kafka);
      LocalRun.Result result = LocalRun.run(new LocalRun.Request(List.of(YearMonth.of(2015, 9)),
          CrimeSource.file(SharedData.file(SharedData.PORTAL_2015_09)), Pace.REPLAY, "crimenes",
          b -> b.maxRowsPerBatch(2000), out), kafka, new PrintStream(stdout, true), System.err);

      long sent = result.producer().rowsAcknowledged() + garbage;
      MetricsReport report = MetricsJson.readReport(out.resolve("metrics.json"));
      long trained = report.summary().rowsTotal();
      long rejected = report.summary().rowsRejectedTotal();
      assertThat(result.producer().rowsAcknowledged()).isEqualTo(4654);
      assertThat(trained).isEqualTo(4654);
      assertThat(trained + rejected).as("rows sent = rows trained + rows rejected").isEqualTo(sent);
      assertThat(report.rowsRejected()).containsEntry("invalid_json", 2L).containsEntry("missing_field:arrest", 1L);
      assertThat(report.batches()).isNotEmpty().allSatisfy(b -> assertThat(b.models())
          .containsKeys(ModelNames.LOGISTIC_REGRESSION, ModelNames.DECISION_TREE, ModelNames.RANDOM_FOREST));
      assertThat(report.batches().get(report.batches().size() - 1).rowsTotal()).isEqualTo(4654);
      assertThat(result.charts()).extracting(p -> p.getFileName().toString()).contains(
          "logistic_regression.png", "decision_tree.png", "random_forest.png", "models-auc.png");
      for (Path chart : result.charts()) {
        byte[] png = Files.readAllBytes(chart);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
      }
      // one line per micro-batch on stdout
      String lines = stdout.toString(StandardCharsets.UTF_8);
      assertThat(lines.lines().filter(l -> l.startsWith("batch "))).hasSize(report.batches().size());
    }
  }

  private static int sendGarbage(EmbeddedKafka kafka) throws Exception {
    List<String> bad = List.of("{not json", "]]", "{\"id\":\"1\",\"date\":\"2015-09-01T10:00:00\"}");
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String b : bad) {
        p.send(new ProducerRecord<>("crimenes", b.getBytes(StandardCharsets.UTF_8))).get();
      }
    }
    return bad.size();
  }
}
