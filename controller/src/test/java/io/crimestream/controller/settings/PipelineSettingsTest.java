package io.crimestream.controller.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.DatasetSource;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.MockCluster;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {

  static PipelineSettings settings(CrimeStream cs) throws Exception {
    return PipelineSettings.of(cs, MockCluster.controllerConfig());
  }

  @Test
  void appliesTheDefaultsASparseSpecLeavesOut() throws Exception {
    CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-05", "2016-04");
    cs.getSpec().setProducer(null);

    PipelineSettings s = settings(cs);

    assertThat(s.source().months()).containsExactly(YearMonth.of(2016, 4), YearMonth.of(2016, 5));
    assertThat(s.kafka().topic()).isEqualTo("crimenes");
    assertThat(s.kafka().topics()).containsExactly("crimenes", "crimenes-predictions", "crimenes-dlq");
    assertThat(s.kafka().bootstrapServers())
        .isEqualTo("my-cluster-kafka-bootstrap.crimes.svc:9092");
    assertThat(s.kafka().replicas()).isEqualTo(1);
    assertThat(s.kafka().deleteTopic()).isFalse();
    assertThat(s.producer().rowsPerSecond()).isEqualTo(1.0);
    assertThat(s.producer().batchRows()).isEqualTo(120);
    assertThat(s.producer().replay()).isFalse();
    assertThat(s.spark().executors()).isEqualTo(2);
    assertThat(s.streaming().triggerInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.metricsConfigMap()).isEqualTo("study-metrics");
    assertThat(s.producer().image()).isEqualTo(MockCluster.PRODUCER_IMAGE);
    assertThat(s.spark().image()).isEqualTo(MockCluster.SPARK_IMAGE);
    // the streaming job's own defaults apply when the spec names no models or features
    assertThat(s.learning().models()).isEmpty();
    assertThat(s.learning().features()).isEmpty();
    assertThat(s.streaming().stopGracePeriod()).isEmpty();
    // the job's default stop grace period, 20 s, and 10 s to stop Spark after it
    assertThat(s.streaming().terminationGracePeriodSeconds()).isEqualTo(30);
  }

  @Test
  void namesEveryProblemOfAnInvalidSpec() {
    CrimeStream cs = CrimeStreams.replay("a-name-that-is-far-too-long-for-the-derived-names",
        "/data/crimes.csv", "2016-13", "2016-04", "2016-04");
    cs.getSpec().getKafka().setTopic("crímenes");
    cs.getSpec().getKafka().setCluster(null);
    cs.getSpec().getSource().setUrl("ftp://example.org/crimes.csv");
    cs.getSpec().setModels(List.of("svm"));

    assertThatThrownBy(() -> settings(cs))
        .isInstanceOfSatisfying(InvalidSpecException.class, e ->
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("metadata.name must be at most 46"))
                .anySatisfy(p -> assertThat(p).isEqualTo(
                    "spec.months[0]: '2016-13' is not a month: write YYYY-MM, e.g. 2016-05"))
                .anySatisfy(p -> assertThat(p).isEqualTo("spec.months: lists 2016-04 twice"))
                .anySatisfy(p -> assertThat(p).contains("spec.kafka.topic").contains("crimenes"))
                .anySatisfy(p -> assertThat(p).contains("spec.kafka.cluster is missing"))
                .anySatisfy(p -> assertThat(p).contains("spec.source sets 2 sources"))
                .anySatisfy(p -> assertThat(p).contains("'svm' is not a model")));
  }

  @Test
  void refusesSparkSettingsTheControllerOwns() {
    CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-04");
    var spark = new io.crimestream.controller.api.SparkSpec();
    spark.setConf(Map.of("spark.executor.instances", "8", "executor.memory", "2g",
        "spark.sql.shuffle.partitions", "8"));
    cs.getSpec().setSpark(spark);

    assertThatThrownBy(() -> settings(cs))
        .isInstanceOfSatisfying(InvalidSpecException.class, e ->
            assertThat(e.problems()).containsExactlyInAnyOrder(
                "spec.spark.conf key 'spark.executor.instances' is set by the controller; use the"
                    + " matching spec field instead (e.g. spec.spark.executors) or remove it",
                "spec.spark.conf key 'executor.memory' is not a Spark setting (spark.*)"));
  }

  @Test
  void anEmptySourceIsReported() {
    CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-04");
    cs.getSpec().setSource(new DatasetSource());

    assertThatThrownBy(() -> settings(cs)).hasMessageContaining("spec.source sets 0 sources");
  }

  @Test
  void withoutDeadLetterOnlyTheStreamTopicIsCreated() throws Exception {
    CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-04");
    cs.getSpec().getKafka().setDeadLetter(false);

    assertThat(settings(cs).kafka().topics()).containsExactly("crimenes", "crimenes-predictions");
  }

  @Test
  void theKafkaNamespaceIsTheCrimeStreamsUnlessTheSpecNamesOneTheControllerReaches()
      throws Exception {
    CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-04");
    assertThat(settings(cs).kafka().namespace()).isEqualTo("crimes");

    cs.getSpec().getKafka().setNamespace("kafka");
    PipelineSettings s = PipelineSettings.of(cs,
        MockCluster.controllerConfig(Set.of("kafka"), List.of()));
    assertThat(s.kafka().namespace()).isEqualTo("kafka");
    // the brokers' Service is in the Kafka cluster's namespace: its name says which
    assertThat(s.kafka().bootstrapServers()).isEqualTo("my-cluster-kafka-bootstrap.kafka.svc:9092");

    // a namespace the chart gave the controller no rights in is refused, saying how to add it
    assertThatThrownBy(() -> settings(cs))
        .isInstanceOfSatisfying(InvalidSpecException.class, e ->
            assertThat(e.problems()).containsExactly("spec.kafka.namespace 'kafka': the"
                + " controller may write KafkaTopics only in crimes; add kafka to the chart's"
                + " controller.kafkaNamespaces (helm upgrade), or name one of those"));
    cs.getSpec().getKafka().setNamespace("Kafka_1");
    assertThatThrownBy(() -> settings(cs)).hasMessageContaining(
        "spec.kafka.namespace 'Kafka_1' is not a namespace name");
  }

  @Test
  void aControllerWatchingEveryNamespaceReachesKafkaInAnyOfThem() throws Exception {
    CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-04");
    cs.getSpec().getKafka().setNamespace("kafka");
    cs.getSpec().getKafka().setTls(new io.crimestream.controller.api.KafkaTls());
    ControllerConfig everywhere = new ControllerConfig(Set.of(), MockCluster.PRODUCER_IMAGE,
        MockCluster.SPARK_IMAGE, "IfNotPresent", false, false, null,
        ControllerConfig.HEALTH_PORT_OFF);

    assertThat(PipelineSettings.of(cs, everywhere).kafka().bootstrapServers())
        .isEqualTo("my-cluster-kafka-bootstrap.kafka.svc:9093");
  }

  @Test
  void sparkMemoryConvertsToMebibytes() {
    assertThat(new SparkSettings.SparkProcess("1g", 1).memoryMebibytes()).isEqualTo(1024);
    assertThat(new SparkSettings.SparkProcess("512m", 1).memoryMebibytes()).isEqualTo(512);
    assertThat(new SparkSettings.SparkProcess("2048k", 1).memoryMebibytes()).isEqualTo(2);
  }

  @Test
  void historyMonthsComeBeforeTheStreamsFirstMonth() throws Exception {
    CrimeStream cs = CrimeStreams.replay("warm", "/mnt/chicago/crimes.csv", "2016-04", "2016-05");
    cs.getSpec().setHistory(List.of("2016-02", "2016-03"));
    SourceSettings source = settings(cs).source();
    assertThat(source.producerMonths()).containsExactly(YearMonth.of(2016, 2),
        YearMonth.of(2016, 3), YearMonth.of(2016, 4), YearMonth.of(2016, 5));
    assertThat(source.isHistory(YearMonth.of(2016, 3))).isTrue();
    assertThat(source.isHistory(YearMonth.of(2016, 4))).isFalse();

    cs.getSpec().setHistory(List.of("2016-04"));
    assertThatThrownBy(() -> settings(cs)).isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("spec.history: 2016-04 is not before 2016-04, the first of spec.months");
    // listed in any order, sent in month order, as spec.months
    cs.getSpec().setHistory(List.of("2016-03", "2016-02"));
    assertThat(settings(cs).source().producerMonths()).startsWith(YearMonth.of(2016, 2),
        YearMonth.of(2016, 3));
  }

  @Test
  void initialModelsNeedAClaimAndAFolderInsideIt() throws Exception {
    CrimeStream cs = CrimeStreams.replay("warm", "/mnt/chicago/crimes.csv", "2016-04");
    io.crimestream.controller.api.InitialModels initial = new io.crimestream.controller.api.InitialModels();
    initial.setClaimName("last-year");
    initial.setPath("run-1/models");
    cs.getSpec().setInitialModels(initial);
    assertThat(settings(cs).registry().initialModels()).contains(initial);
    for (String good : List.of("models", ".hidden/models", "a..b/..c/x.", "run-1/.models")) {
      initial.setPath(good);
      assertThat(settings(cs).registry().initialModels()).as(good).contains(initial);
    }
    for (String bad : List.of("/abs/models", "../other", "a/../b", "a//b", "a/", ".")) {
      initial.setPath(bad);
      assertThatThrownBy(() -> settings(cs)).as(bad).isInstanceOf(InvalidSpecException.class)
          .hasMessageContaining("spec.initialModels.path '" + bad + "'");
    }
  }
}
