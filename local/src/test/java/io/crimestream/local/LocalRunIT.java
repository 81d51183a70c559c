package io.crimestream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.SourceAccount;
import io.crimestream.options.ModelKind;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.Pace;
import io.crimestream.producer.SourceUnreadableException;
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
          .containsKeys(ModelKind.LOGISTIC_REGRESSION.id(), ModelKind.DECISION_TREE.id(), ModelKind.RANDOM_FOREST.id()));
      assertThat(report.batches().get(report.batches().size() - 1).rowsTotal()).isEqualTo(4654);
      assertThat(result.charts()).extracting(p -> p.getFileName().toString()).contains(
          "logistic_regression.png", "decision_tree.png", "random_forest.png", "models-auc.png");
      for (Path chart : result.charts()) {
        byte[] png = Files.readAllBytes(chart);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
      }
      assertThat(report.source().rowsOfMonths()).isEqualTo(4654);
      assertThat(report.source().rejected()).containsEntry("wrong_field_count", 1L);
      // one line per micro-batch on stdout
      String lines = stdout.toString(StandardCharsets.UTF_8);
      assertThat(lines.lines().filter(l -> l.startsWith("batch "))).hasSize(report.batches().size());
    }
  }

  @Test
  void oneRowPerProducerBatchOnAFileWithBadLinesAndDuplicatesTrainsEveryValidRowAndAccountsForEveryLine(
      @TempDir Path dir) throws Exception {
    // the spreadsheet export (643 rows of 2018-01, 102 of 2018-02), plus what broken exports carry:
    // 20 lines repeated (duplicate ids), lines cut off, a date nobody can read, an arrest left empty
    List<String> lines = Files.readAllLines(SharedData.file(SharedData.SPREADSHEET_2018_01));
    List<String> file = new java.util.ArrayList<>(lines);
    lines.stream().skip(1).filter(l -> l.split(",")[2].startsWith("1/")).limit(20).forEach(file::add);
    file.add(lines.get(3).substring(0, 40));
    file.add(lines.get(4).substring(0, 60));
    file.add(lines.get(5).replace(lines.get(5).split(",")[2], "the third of February"));
    file.add(lines.get(6).replace(",FALSE,", ",,"));
    Path export = Files.write(dir.resolve("export-with-bad-lines.csv"), file);
    Path out = dir.resolve("out");

    LocalRun.Result result = LocalRun.run(new LocalRun.Request(List.of(YearMonth.of(2018, 1)),
        CrimeSource.file(export), Pace.paced(20, 1), "crimenes", b -> b, out),
        new PrintStream(new ByteArrayOutputStream(), true), System.err);

    MetricsReport report = MetricsJson.readReport(out.resolve("metrics.json"));
    SourceAccount source = report.source();
    assertThat(source).isNotNull();
    assertThat(source.rowsRead()).isEqualTo(745 + 24);
    assertThat(source.rowsOfMonths()).isEqualTo(643);
    assertThat(source.duplicateIds()).isEqualTo(20);
    assertThat(source.outsideMonths()).isEqualTo(102);
    assertThat(source.rejected()).containsEntry("wrong_field_count", 2L)
        .containsEntry("unparseable_value:date", 1L).containsEntry("missing_field:arrest", 1L);
    assertThat(source.rowsRead()).as("rows read = of the months + rejected + outside + duplicates")
        .isEqualTo(source.rowsOfMonths() + source.rejectedTotal() + source.outsideMonths()
            + source.duplicateIds());
    assertThat(source.rowsOfMonths()).as("rows of the months = trained + rejected on the topic")
        .isEqualTo(report.summary().rowsTotal() + report.summary().rowsRejectedTotal() + report.rowsExcluded());
    assertThat(report.summary().rowsTotal()).isEqualTo(643);
    assertThat(result.producer().rowsAcknowledged()).isEqualTo(643);
    // small batches: the first ones could not fit every model, and said why
    assertThat(report.batches().get(report.batches().size() - 1).models().values())
        .allSatisfy(m -> assertThat(m.skipped()).isNull());
  }

  @Test
  void aMonthTheFileDoesNotHoldIsAnErrorBeforeKafkaOrSparkStart(@TempDir Path out) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> LocalRun.run(new LocalRun.Request(List.of(YearMonth.of(2019, 1)),
        CrimeSource.file(SharedData.file(SharedData.PORTAL_2016_01)), Pace.REPLAY, "crimenes", b -> b,
        out), new PrintStream(new ByteArrayOutputStream(), true), System.err))
        .isInstanceOf(SourceUnreadableException.class)
        .hasMessageEndingWith("holds no rows of 2019-01; it holds 2016-01 (1730 rows)");
    assertThat(out.resolve("metrics.json")).doesNotExist();
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).as("no broker was started")
        .isLessThan(java.time.Duration.ofSeconds(5));
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
