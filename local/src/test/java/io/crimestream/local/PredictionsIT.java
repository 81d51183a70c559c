package io.crimestream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.SparkSessions;
import io.crimestream.job.registry.ModelRegistry;
import io.crimestream.job.registry.RegistryIndex;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.Prediction;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.Pace;
import io.crimestream.record.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a local run leaves for users of its predictions and models: one prediction per valid
 * incident in predictions.jsonl and on the predictions topic (the same records), the model
 * registry (loadable with plain Spark), and {@code ./crimestream score} reproducing the
 * probabilities the stream published for a version. One run of a real month, shared by the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictionsIT {

  private static final int ROWS = 3446;

  @TempDir
  static Path dir;
  private Path out;
  private Map<String, Prediction> onTopic;

  @BeforeAll
  void runTheMonth() throws Exception {
    out = dir.resolve("out");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      LocalRun.run(new LocalRun.Request(List.of(YearMonth.of(2016, 5)),
          CrimeSource.file(SharedData.file(SharedData.KAGGLE)), Pace.REPLAY, "crimenes",
          b -> b.maxRowsPerBatch(700), out), kafka, new PrintStream(new ByteArrayOutputStream(), true),
          System.err);
      onTopic = readCommitted(kafka.bootstrapServers(), "crimenes-predictions", ROWS);
    }
  }

  private List<Prediction> file() throws Exception {
    List<Prediction> ps = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("predictions.jsonl"), StandardCharsets.UTF_8)) {
      ps.add(MetricsJson.readPrediction(line));
    }
    return ps;
  }

  @Test
  void everyValidIncidentHasOnePredictionInTheFileAndTheSameOnTheTopic() throws Exception {
    List<Prediction> inFile = file();
    assertThat(inFile).hasSize(ROWS);
    assertThat(inFile.stream().map(Prediction::id)).doesNotHaveDuplicates();
    assertThat(onTopic).hasSize(ROWS);
    for (Prediction p : inFile) {
      assertThat(onTopic.get(p.id())).as("the topic's prediction for %s", p.id()).isEqualTo(p);
    }
    // before any model existed (the first batch of a cold start): no probability, and counted
    MetricsReport report = MetricsJson.readReport(out.resolve("metrics.json"));
    long withoutModel = inFile.stream().filter(p -> p.model() == null).count();
    assertThat(withoutModel).isPositive();
    assertThat(inFile.stream().filter(p -> p.model() == null)).allSatisfy(p -> {
      assertThat(p.probability()).isNull();
      assertThat(p.batch()).isZero();
    });
    assertThat(report.predictions().published()).isEqualTo(ROWS);
    assertThat(report.predictions().withoutModel()).isEqualTo(withoutModel);
    // later ones: the champion's probability, decision and version, every model's score beside it
    Prediction last = inFile.get(inFile.size() - 1);
    assertThat(last.model()).isEqualTo(report.champion().model());
    assertThat(last.probability()).isBetween(0.0, 1.0);
    assertThat(last.predictedArrest()).isEqualTo(last.probability() >= last.threshold());
    assertThat(last.scores()).containsKeys("logistic_regression", "decision_tree", "random_forest",
        "iucr_rate_baseline").containsEntry(last.model(), last.probability());
  }

  @Test
  void theRegistryKeepsEachBatchsModelsAndPlainSparkLoadsThem() throws Exception {
    Path models = out.resolve("models");
    RegistryIndex index = ModelRegistry.read(models).orElseThrow();
    assertThat(index.format()).isEqualTo(ModelRegistry.FORMAT);
    assertThat(index.champion()).isNotNull();
    assertThat(index.models()).containsKeys("logistic_regression", "decision_tree", "random_forest");
    RegistryIndex.Version lr = index.models().get("logistic_regression").get(0);
    assertThat(lr.heldOut().areaUnderROC()).isNotNull();
    assertThat(lr.prequential()).as("scored the batch after it").isNotNull();
    assertThat(index.models().values()).allSatisfy(versions -> assertThat(versions.stream()
        .filter(v -> !v.wasChampion() && RegistryIndex.RETIRED.equals(v.state()))).hasSizeLessThanOrEqualTo(5));

    SparkSessions.getOrCreate("predictions-it");
    LogisticRegressionModel plain = LogisticRegressionModel.load(models.resolve(lr.path()).toString());
    assertThat(plain.numFeatures()).isPositive();
    Vector zeros = org.apache.spark.ml.linalg.Vectors.zeros(plain.numFeatures());
    assertThat(plain.predictProbability(zeros).apply(1)).isBetween(0.0, 1.0);
    RegistryIndex.Version rf = index.models().get("random_forest").get(0);
    RandomForestClassificationModel forest = RandomForestClassificationModel.load(models.resolve(rf.path()).toString());
    assertThat(forest.getNumTrees()).isPositive();
  }

  @Test
  void scoringOfflineReproducesTheProbabilitiesTheStreamPublishedForTheSameVersion() throws Exception {
    List<Prediction> stream = file();
    Prediction late = stream.get(stream.size() - 1);
    Path scored = dir.resolve("scored");
    int status = CrimeStreamCli.run(new String[] {"score", "--models", out.resolve("models").toString(),
        "--data", SharedData.file(SharedData.KAGGLE).toString(), "--months", "2016-05",
        "--version", late.model() + ":" + late.modelVersion(), "--out", scored.toString()});
    assertThat(status).isZero();
    Map<String, Prediction> offline = new HashMap<>();
    for (String line : Files.readAllLines(scored.resolve("predictions.jsonl"), StandardCharsets.UTF_8)) {
      Prediction p = MetricsJson.readPrediction(line);
      offline.put(p.id(), p);
    }
    assertThat(offline).hasSize(ROWS);
    List<Prediction> byThatVersion = stream.stream().filter(p -> late.model().equals(p.model())
        && late.modelVersion().equals(p.modelVersion())).toList();
    assertThat(byThatVersion).isNotEmpty();
    for (Prediction p : byThatVersion) {
      Prediction o = offline.get(p.id());
      assertThat(o.probability()).as("%s", p.id()).isEqualTo(p.probability());
      assertThat(o.predictedArrest()).isEqualTo(p.predictedArrest());
      assertThat(o.model()).isEqualTo(p.model());
      assertThat(o.modelVersion()).isEqualTo(p.modelVersion());
      assertThat(o.batch()).as("scored offline").isNull();
    }
  }

  @Test
  void withAMonthOfHistoryTheFirstBatchIsScoredByAModel() throws Exception {
    Path warm = dir.resolve("warm");
    LocalRun.run(new LocalRun.Request(List.of(YearMonth.of(2016, 5)),
        CrimeSource.file(SharedData.file(SharedData.KAGGLE)), Pace.REPLAY, "crimenes", b -> b.maxRowsPerBatch(2000),
        warm, new LocalRun.History(List.of(YearMonth.of(2016, 4)), CrimeSource.file(SharedData.file(SharedData.KAGGLE)))),
        new PrintStream(new ByteArrayOutputStream(), true), System.err);
    MetricsReport report = MetricsJson.readReport(warm.resolve("metrics.json"));
    assertThat(report.rowsHistory()).isEqualTo(805);
    assertThat(report.summary().rowsTotal()).isEqualTo(805 + ROWS);
    List<String> lines = Files.readAllLines(warm.resolve("predictions.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(ROWS);
    for (String line : lines) {
      assertThat(MetricsJson.readPrediction(line).model()).as("no cold start: %s", line).isNotNull();
    }
  }

  private static Map<String, Prediction> readCommitted(String bootstrap, String topic, int expected)
      throws Exception {
    Map<String, Prediction> out = new HashMap<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
        "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      int records = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records < expected && System.nanoTime() < deadline) {
        for (var r : c.poll(Duration.ofMillis(200))) {
          records++;
          assertThat(out.put(r.key(), MetricsJson.readPrediction(r.value()))).as("a second prediction for %s",
              r.key()).isNull();
        }
      }
      for (var r : c.poll(Duration.ofMillis(500))) {
        assertThat(out.put(r.key(), MetricsJson.readPrediction(r.value()))).as("one too many: %s", r.key())
            .isNull();
      }
    }
    return out;
  }
}
