package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.api.Phase;
import io.crimestream.controller.api.ProducerState;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.controller.dependent.MetricsConfigMapDependent;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.state.DriverRestarts;
import io.crimestream.controller.status.Conditions;
import io.crimestream.controller.testing.Await;
import io.crimestream.controller.testing.ChildJvmRunner;
import io.crimestream.controller.testing.ContainerLaunch;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.MockCluster;
import io.crimestream.controller.testing.ScriptedRunner.Outcome;
import io.crimestream.controller.testing.ScriptedRunner;
import io.crimestream.controller.testing.StandInKubelet;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Scores;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real controller (JOSDK, informers, dependents) on Fabric8's mock API server, with the
 * stand-in kubelet playing the cluster and scripted containers: what users rely on when they
 * apply, break, restart or delete a CrimeStream.
 */
class CrimeStreamControllerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String CSV = "/data/chicago/crimes.csv";

  @TempDir
  Path nodeDir;

  private static final String KAFKA_NAMESPACE = "kafka";

  private MockCluster cluster;
  private StandInKubelet kubelet;
  private StandInKubelet kafkaTopicOperator;

  static {
    StandInKubelet.entryPoint(MockCluster.PRODUCER_IMAGE,
        List.of(ChildJvmRunner.PRODUCER_ENTRY_POINT));
  }

  private KubernetesClient start(MockCluster mockCluster, ScriptedRunner runner,
                                 boolean topicOperator) {
    cluster = mockCluster;
    kubelet = new StandInKubelet(cluster.client(), MockCluster.NAMESPACE, runner,
        topicOperator ? topic -> { } : null, cluster.url(), nodeDir);
    cluster.startController();
    return cluster.client();
  }

  @AfterEach
  void stop() {
    if (kubelet != null) {
      kubelet.close();
    }
    if (kafkaTopicOperator != null) {
      kafkaTopicOperator.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void runsTheMonthsInOrderThenStreamsAndReportsTheMetrics() throws Exception {
    ScriptedRunner runner = ScriptedRunner.producersSucceed();
    KubernetesClient client = start(MockCluster.withStrimzi(), runner, true);
    // the Jobs' order is checked as each starts: no month may start before the earlier ones ended
    List<String> orderProblems = new ArrayList<>();
    runner.script(launch -> {
      String month = launch.option("--months");
      if (ScriptedRunner.isProducer(launch)) {
        client.batch().v1().jobs().inNamespace(MockCluster.NAMESPACE).list().getItems().stream()
            .filter(j -> j.getMetadata().getLabels().get(Labels.MONTH).compareTo(month) < 0)
            .filter(j -> j.getStatus() == null || j.getStatus().getSucceeded() == null)
            .forEach(j -> orderProblems.add(month + " started before " + j.getMetadata().getName()
                + " succeeded"));
      }
      return ScriptedRunner.producerSucceeds(launch);
    });

    CrimeStream cs = client.resource(CrimeStreams.replay("study", CSV, "2016-05", "2016-04"))
        .create();

    CrimeStreamStatus status = awaitStatus(client, "phase Streaming and Ready",
        s -> s.getPhase() == Phase.Streaming && Conditions.isTrue(s, ConditionTypes.READY));
    assertThat(orderProblems).isEmpty();
    assertThat(status.getMonths()).extracting(m -> m.getMonth() + " " + m.getState() + " "
        + m.getRowsSent()).containsExactly("2016-04 Succeeded 100", "2016-05 Succeeded 100");
    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactlyElementsOf(ConditionTypes.ALL);
    assertThat(status.getObservedGeneration()).isEqualTo(1L);

    // the driver runs client-mode spark-submit asking for two executors
    ContainerLaunch driver = runner.launches().stream()
        .filter(ScriptedRunner::isDriver).findFirst().orElseThrow();
    assertThat(driver.command()).containsSubsequence("--conf", "spark.executor.instances=2")
        .containsSubsequence("--deploy-mode", "client")
        .contains("spark.kubernetes.driver.pod.name=study-driver")
        .contains("spark.kubernetes.executor.podNamePrefix=study");
    // the pod runs it under the image's init; the stand-in kubelet plays the init
    assertThat(driver.container().getCommand()).startsWith("/usr/bin/tini", "-s", "--")
        .endsWith(driver.command().get(0));

    // the streaming job publishes; the summary lands in the status
    publishMetrics(client, "study-metrics", 3, 4251);
    status = awaitStatus(client, "the published metrics", s -> Long.valueOf(3).equals(s.getBatches()));
    assertThat(status.getRowsTrained()).isEqualTo(4251);
    assertThat(status.getBestModel()).isEqualTo("random_forest");
    assertThat(status.getBestModelAuc()).isEqualTo(0.75);
    assertThat(status.getModels()).containsOnlyKeys("logistic_regression", "random_forest");
    assertThat(Conditions.isTrue(status, ConditionTypes.METRICS_AVAILABLE)).isTrue();

    // everything is owned by the CrimeStream, except the topic, which outlives it by default
    String uid = cs.getMetadata().getUid();
    List<HasMetadata> created = createdObjects(client);
    assertThat(created).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactlyInAnyOrder("Job/study-producer-2016-04", "Job/study-producer-2016-05",
            "Pod/study-driver", "Service/study-driver", "ServiceAccount/study-spark",
            "Role/study-spark", "RoleBinding/study-spark",
            "PersistentVolumeClaim/study-checkpoint", "ConfigMap/study-metrics",
            "ConfigMap/study-executor-template");
    assertThat(created).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences())
        .anySatisfy(r -> assertThat(r.getUid()).isEqualTo(uid)));
    KafkaTopic topic = client.resources(KafkaTopic.class).inNamespace(MockCluster.NAMESPACE)
        .withName("crimenes").get();
    assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "my-cluster");
    assertThat(topic.getSpec().getPartitions()).isEqualTo(1);
    assertThat(topic.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(client.resources(KafkaTopic.class).inNamespace(MockCluster.NAMESPACE).list()
        .getItems()).extracting(t -> t.getSpec().getTopicName())
        .containsExactlyInAnyOrder("crimenes", "crimenes-predictions", "crimenes-dlq");
  }

  @Test
  void refusesAnInvalidSpecWithMessagesAndCreatesNothing() throws Exception {
    KubernetesClient client = start(MockCluster.withStrimzi(), ScriptedRunner.producersSucceed(),
        true);
    CrimeStream cs = CrimeStreams.replay("typo", CSV, "2016-13");
    cs.getSpec().getKafka().setTopic("crímenes");
    cs.getSpec().setModels(List.of("random_forest", "neural_net"));
    // values the job's own options refuse, which a schema-less API server lets through
    cs.getSpec().setDecisionThreshold("1.5");
    SparkSpec spark = new SparkSpec();
    spark.setTriggerInterval("1 fortnight");
    spark.setStopGracePeriod("40s");
    spark.setTerminationGracePeriodSeconds(30L);
    cs.getSpec().setSpark(spark);
    client.resource(cs).create();

    CrimeStreamStatus status = awaitStatus(client, "phase Invalid", s -> s.getPhase() == Phase.Invalid);
    Condition ready = Conditions.find(status, ConditionTypes.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage()).contains("spec.months[0]: '2016-13' is not a month")
        .contains("spec.kafka.topic").contains("crimenes")
        .contains("'neural_net' is not a model")
        .contains("spec.decisionThreshold: '1.5' is neither a number strictly between 0 and 1")
        .contains("spec.spark.triggerInterval: '1 fortnight' is not a duration such as 1s, 500ms,"
            + " 2m or 1h")
        .contains("spec.spark.terminationGracePeriodSeconds: 30 s leaves too little time to"
            + " stop").contains("at least 50");
    int pass = kubelet.passes();
    Await.until("two more kubelet passes", DEADLINE, () -> kubelet.passes() > pass + 1, () -> "");
    assertThat(createdObjects(client)).isEmpty();
    assertThat(client.resources(KafkaTopic.class).inNamespace(MockCluster.NAMESPACE).list()
        .getItems()).isEmpty();

    // fixing the spec starts the pipeline
    client.resources(CrimeStream.class).inNamespace(MockCluster.NAMESPACE).withName("typo")
        .edit(c -> {
          c.getSpec().setMonths(List.of("2016-04"));
          c.getSpec().getKafka().setTopic("crimenes");
          c.getSpec().setModels(null);
          c.getSpec().setDecisionThreshold(null);
          c.getSpec().setSpark(null);
          return c;
        });
    awaitStatus(client, "phase Streaming after the fix", s -> s.getPhase() == Phase.Streaming);
  }

  @Test
  void reportsAFailedProducerAndHoldsTheLaterMonths() throws Exception {
    ScriptedRunner runner = new ScriptedRunner(launch -> ScriptedRunner.isProducer(launch)
        && "2016-04".equals(launch.option("--months"))
        ? Outcome.exits(3, "error: cannot read /var/run/crimestream/dataset/crimes.csv: no such file")
        : ScriptedRunner.producerSucceeds(launch));
    KubernetesClient client = start(MockCluster.withStrimzi(), runner, true);
    client.resource(CrimeStreams.replay("broken", CSV, "2016-04", "2016-05")).create();

    CrimeStreamStatus status = awaitStatus(client, "phase Failed", s -> s.getPhase() == Phase.Failed);
    var april = status.getMonths().get(0);
    assertThat(april.getState()).isEqualTo(ProducerState.Failed);
    // the Job was retried per its backoff limit (2): three pods
    assertThat(april.getFailedPods()).isEqualTo(3);
    assertThat(april.getMessage()).contains("BackoffLimitExceeded")
        .contains("exit code 3 (the dataset source could not be read)")
        .contains("no such file");
    assertThat(status.getMonths().get(1).getState()).isEqualTo(ProducerState.Pending);
    Condition producers = Conditions.find(status, ConditionTypes.PRODUCERS_COMPLETE).orElseThrow();
    assertThat(producers.getReason()).isEqualTo("ProducerFailed");
    assertThat(producers.getMessage()).contains("delete Job broken-producer-2016-04");
    Condition ready = Conditions.find(status, ConditionTypes.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ProducerFailed");
    assertThat(jobs(client)).containsOnlyKeys("broken-producer-2016-04");
    // no crash loop: once the Job has failed, nothing starts the month again on its own
    int pass = kubelet.passes();
    Await.until("three more kubelet passes", DEADLINE, () -> kubelet.passes() > pass + 2, () -> "");
    assertThat(runner.launches()).filteredOn(ScriptedRunner::isProducer).hasSize(3);
    assertThat(jobs(client)).containsOnlyKeys("broken-producer-2016-04");

    // deleting the failed Job, as the message says, sends the month again
    runner.script(ScriptedRunner::producerSucceeds);
    client.batch().v1().jobs().inNamespace(MockCluster.NAMESPACE)
        .withName("broken-producer-2016-04").delete();
    awaitStatus(client, "phase Streaming after the retry", s -> s.getPhase() == Phase.Streaming);
  }

  @Test
  void saysSoWhenStrimziIsNotInstalled() throws Exception {
    KubernetesClient client = start(MockCluster.withoutStrimzi(), ScriptedRunner.producersSucceed(),
        false);
    client.resource(CrimeStreams.replay("nostrimzi", CSV, "2016-04")).create();

    CrimeStreamStatus status = awaitStatus(client, "TopicReady False",
        s -> Conditions.find(s, ConditionTypes.TOPIC_READY).isPresent());
    Condition topic = Conditions.find(status, ConditionTypes.TOPIC_READY).orElseThrow();
    assertThat(topic.getStatus()).isEqualTo("False");
    assertThat(topic.getReason()).isEqualTo("StrimziNotInstalled");
    assertThat(topic.getMessage()).contains("kafkatopics.kafka.strimzi.io").contains("my-cluster");
    assertThat(status.getPhase()).isEqualTo(Phase.Pending);
    assertThat(Conditions.find(status, ConditionTypes.READY).orElseThrow().getReason())
        .isEqualTo("StrimziNotInstalled");
    assertThat(jobs(client)).isEmpty();
    assertThat(client.pods().inNamespace(MockCluster.NAMESPACE).list().getItems()).isEmpty();
  }

  @Test
  void aRestartedControllerCreatesNothingTwice() throws Exception {
    ScriptedRunner runner = new ScriptedRunner(launch ->
        ScriptedRunner.isProducer(launch) && "2016-05".equals(launch.option("--months"))
            ? Outcome.keepsRunning()
            : ScriptedRunner.producerSucceeds(launch));
    KubernetesClient client = start(MockCluster.withStrimzi(), runner, true);
    Map<String, String> uidsSeen = new ConcurrentHashMap<>();
    client.resource(CrimeStreams.replay("restart", CSV, "2016-04", "2016-05", "2016-06")).create();
    awaitStatus(client, "May sending and the driver running", s ->
        s.getMonths().size() == 3 && s.getMonths().get(1).getState() == ProducerState.Running
            && Conditions.isTrue(s, ConditionTypes.DRIVER_RUNNING));
    createdObjects(client).forEach(o -> uidsSeen.put(o.getKind() + "/" + o.getMetadata().getName(),
        o.getMetadata().getUid()));

    cluster.stopController();
    cluster.startController();
    // the new controller sees the same world; May then finishes and June starts, once
    runner.script(ScriptedRunner::producerSucceeds);
    client.pods().inNamespace(MockCluster.NAMESPACE).withLabel("job-name", "restart-producer-2016-05")
        .delete();
    awaitStatus(client, "phase Streaming", s -> s.getPhase() == Phase.Streaming);

    Map<String, String> uidsNow = createdObjects(client).stream().collect(Collectors.toMap(
        o -> o.getKind() + "/" + o.getMetadata().getName(), o -> o.getMetadata().getUid()));
    assertThat(uidsNow).containsAllEntriesOf(uidsSeen);
    assertThat(uidsNow.keySet()).filteredOn(k -> k.startsWith("Job/"))
        .containsExactlyInAnyOrder("Job/restart-producer-2016-04", "Job/restart-producer-2016-05",
            "Job/restart-producer-2016-06");
    long driverLaunches = runner.launches().stream()
        .filter(ScriptedRunner::isDriver).count();
    assertThat(driverLaunches).isEqualTo(1);
    assertThat(runner.launches().stream().filter(l -> ScriptedRunner.isProducer(l)
        && "2016-04".equals(l.option("--months"))))
        .hasSize(1);
  }

  @Test
  void deletingTheCrimeStreamMidRunRemovesEverythingItOwns() throws Exception {
    ScriptedRunner runner = new ScriptedRunner(launch ->
        !ScriptedRunner.isProducer(launch) || "2016-05".equals(launch.option("--months"))
            ? Outcome.keepsRunning() : ScriptedRunner.producerSucceeds(launch));
    KubernetesClient client = start(MockCluster.withStrimzi(), runner, true);
    client.resource(CrimeStreams.replay("doomed", CSV, "2016-04", "2016-05")).create();
    awaitStatus(client, "May sending and the driver running", s ->
        s.getMonths().size() == 2 && s.getMonths().get(1).getState() == ProducerState.Running
            && Conditions.isTrue(s, ConditionTypes.DRIVER_RUNNING));

    client.resources(CrimeStream.class).inNamespace(MockCluster.NAMESPACE).withName("doomed")
        .delete();
    Await.until("every owned object gone", DEADLINE, () -> createdObjects(client).isEmpty()
            && client.pods().inNamespace(MockCluster.NAMESPACE).list().getItems().isEmpty(),
        () -> createdObjects(client).stream().map(o -> o.getKind() + "/"
            + o.getMetadata().getName()).toList().toString());
    // the topic holds the stream: it stays for a later replay
    assertThat(client.resources(KafkaTopic.class).inNamespace(MockCluster.NAMESPACE)
        .withName("crimenes").get()).isNotNull();
    // and the controller does not bring anything back
    int pass = kubelet.passes();
    Await.until("three more kubelet passes", DEADLINE, () -> kubelet.passes() > pass + 2, () -> "");
    assertThat(createdObjects(client)).isEmpty();
  }

  @Test
  void replacesAFailedDriverAfterABackoff() throws Exception {
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    ScriptedRunner runner = new ScriptedRunner(launch -> {
      if (ScriptedRunner.isDriver(launch) && failedOnce.add("driver")) {
        return Outcome.exits(1, "Exception in thread \"main\" java.net.ConnectException");
      }
      return ScriptedRunner.producerSucceeds(launch);
    });
    KubernetesClient client = start(MockCluster.withStrimzi(), runner, true);
    client.resource(CrimeStreams.replay("flaky", CSV, "2016-04")).create();

    CrimeStreamStatus failed = awaitStatus(client, "the driver failure counted",
        s -> s.getDriver() != null && Integer.valueOf(1).equals(s.getDriver().getRestarts()));
    assertThat(failed.getDriver().getLastFailureMessage()).contains("exit code 1")
        .contains("ConnectException");
    String firstUid = failed.getDriver().getLastFailedPodUid();
    CrimeStreamStatus recovered = awaitStatus(client, "a new driver running",
        s -> Conditions.isTrue(s, ConditionTypes.DRIVER_RUNNING));
    Pod driver = client.pods().inNamespace(MockCluster.NAMESPACE).withName("flaky-driver").get();
    assertThat(driver.getMetadata().getUid()).isNotEqualTo(firstUid);
    assertThat(recovered.getDriver().getRestarts()).isEqualTo(1);
    // no crash loop: the replacement started only after the first backoff
    assertThat(Duration.between(Instant.parse(failed.getDriver().getLastFailureTime()),
        Instant.parse(driver.getStatus().getStartTime())))
        .isGreaterThanOrEqualTo(DriverRestarts.FIRST_DELAY);
    assertThat(runner.launches()).filteredOn(ScriptedRunner::isDriver).hasSize(2);
  }

  @Test
  void aKafkaClusterInAnotherNamespaceGetsTheTopicsAndTheyGoWithTheCrimeStreamIfAsked()
      throws Exception {
    ScriptedRunner runner = ScriptedRunner.producersSucceed();
    cluster = MockCluster.withStrimzi();
    KubernetesClient client = cluster.client();
    kubelet = new StandInKubelet(client, MockCluster.NAMESPACE, runner, null, cluster.url(),
        nodeDir);
    // Strimzi's topic operator of the cluster in namespace kafka, which watches only that one
    kafkaTopicOperator = new StandInKubelet(client, KAFKA_NAMESPACE, runner, topic -> { },
        cluster.url(), nodeDir.resolve(KAFKA_NAMESPACE));
    cluster.startController(MockCluster.controllerConfig(Set.of(KAFKA_NAMESPACE), List.of()));
    CrimeStream cs = CrimeStreams.replay("elsewhere", CSV, "2016-04");
    cs.getSpec().getKafka().setNamespace(KAFKA_NAMESPACE);
    cs.getSpec().getKafka().setDeleteTopic(true);
    client.resource(cs).create();

    CrimeStreamStatus status = awaitStatus(client, "phase Streaming and Ready",
        s -> s.getPhase() == Phase.Streaming && Conditions.isTrue(s, ConditionTypes.READY));
    assertThat(Conditions.find(status, ConditionTypes.TOPIC_READY).orElseThrow().getMessage())
        .isEqualTo("topics crimenes, crimenes-predictions and crimenes-dlq ready on Kafka cluster 'my-cluster' in"
            + " namespace kafka");
    // the KafkaTopics are where that topic operator watches, none beside the CrimeStream
    assertThat(topics(client, KAFKA_NAMESPACE)).extracting(t -> t.getSpec().getTopicName())
        .containsExactlyInAnyOrder("crimenes", "crimenes-predictions", "crimenes-dlq");
    assertThat(topics(client, MockCluster.NAMESPACE)).isEmpty();
    // and the pods reach the brokers' Service there by its full name
    assertThat(runner.launches()).filteredOn(ScriptedRunner::isProducer).singleElement()
        .satisfies(l -> assertThat(l.env()).containsEntry("KAFKA_BOOTSTRAP_SERVERS",
            "my-cluster-kafka-bootstrap.kafka.svc:9092"));

    client.resource(cs).delete();
    Await.until("the CrimeStream and its KafkaTopics gone", DEADLINE,
        () -> topics(client, KAFKA_NAMESPACE).isEmpty() && client.resources(CrimeStream.class)
            .inNamespace(MockCluster.NAMESPACE).withName("elsewhere").get() == null,
        () -> topics(client, KAFKA_NAMESPACE).toString());
  }

  @Test
  void namesTheNamespaceWhereNoTopicOperatorMakesTheTopicReady() throws Exception {
    cluster = MockCluster.withStrimzi();
    KubernetesClient client = cluster.client();
    // a topic operator runs beside the CrimeStream, but none watches namespace kafka
    kubelet = new StandInKubelet(client, MockCluster.NAMESPACE, ScriptedRunner.producersSucceed(),
        topic -> { }, cluster.url(), nodeDir);
    cluster.startController(MockCluster.controllerConfig(Set.of(KAFKA_NAMESPACE), List.of()));
    CrimeStream cs = CrimeStreams.replay("lonely", CSV, "2016-04");
    cs.getSpec().getKafka().setNamespace(KAFKA_NAMESPACE);
    client.resource(cs).create();

    CrimeStreamStatus status = awaitStatus(client, "waiting for the topic operator", s ->
        Conditions.find(s, ConditionTypes.TOPIC_READY).map(c ->
            "WaitingForTopicOperator".equals(c.getReason())).orElse(false));
    Condition ready = Conditions.find(status, ConditionTypes.READY).orElseThrow();
    assertThat(ready.getReason()).isEqualTo("WaitingForTopicOperator");
    assertThat(ready.getMessage()).contains("KafkaTopic crimenes in namespace kafka has no status")
        .contains("must run and watch namespace kafka");
    assertThat(status.getPhase()).isEqualTo(Phase.Pending);
    assertThat(jobs(client)).isEmpty();

    // deleteTopic is off: the topics outlive the CrimeStream
    client.resource(cs).delete();
    Await.until("the CrimeStream gone", DEADLINE, () -> client.resources(CrimeStream.class)
        .inNamespace(MockCluster.NAMESPACE).withName("lonely").get() == null, () -> "");
    assertThat(topics(client, KAFKA_NAMESPACE)).hasSize(3);
  }

  private static List<KafkaTopic> topics(KubernetesClient client, String namespace) {
    return client.resources(KafkaTopic.class).inNamespace(namespace).list().getItems();
  }

  static void publishMetrics(KubernetesClient client, String configMap, long batches, long rows) {
    Map<String, ModelMetrics> models = Map.of(
        "logistic_regression", ModelMetrics.of(scores(0.70), 10, scores(0.69), scores(0.71), 0.5),
        "random_forest", ModelMetrics.of(scores(0.74), 20, scores(0.73), scores(0.75), 0.5));
    BatchMetrics last = new BatchMetrics(batches - 1, 100, rows, rows * 4 / 5, 900,
        "2026-01-01T00:00:00Z", models);
    MetricsReport.Summary summary = MetricsReport.summarize(batches, List.of(last), Map.of());
    client.configMaps().inNamespace(MockCluster.NAMESPACE).withName(configMap).edit(cm -> {
      cm.setData(Map.of(MetricsConfigMapDependent.SUMMARY_KEY, MetricsJson.write(summary, false)));
      return cm;
    });
  }

  private static Scores scores(double auc) {
    return new Scores(0.8, auc, 0.5, 0.6, 0.4, 0.48, 100);
  }

  static CrimeStreamStatus awaitStatus(KubernetesClient client, String what,
                                       java.util.function.Predicate<CrimeStreamStatus> done) {
    return Await.until(what, DEADLINE, () -> {
      var all = client.resources(CrimeStream.class).inNamespace(MockCluster.NAMESPACE).list()
          .getItems();
      return all.stream().map(CrimeStream::getStatus)
          .filter(s -> s != null && done.test(s)).findFirst().orElse(null);
    }, () -> client.resources(CrimeStream.class).inNamespace(MockCluster.NAMESPACE).list()
        .getItems().stream().map(c -> client.getKubernetesSerialization().asYaml(c.getStatus()))
        .collect(Collectors.joining("\n")));
  }

  static Map<String, Job> jobs(KubernetesClient client) {
    return client.batch().v1().jobs().inNamespace(MockCluster.NAMESPACE).list().getItems().stream()
        .collect(Collectors.toMap(j -> j.getMetadata().getName(), j -> j));
  }

  /** Every object the controller may create, except the KafkaTopic and the Jobs' pods. */
  static List<HasMetadata> createdObjects(KubernetesClient client) {
    String ns = MockCluster.NAMESPACE;
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(client.batch().v1().jobs().inNamespace(ns).list().getItems());
    all.addAll(client.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> !p.getMetadata().getLabels().containsKey("job-name")).toList());
    all.addAll(client.services().inNamespace(ns).list().getItems());
    all.addAll(client.serviceAccounts().inNamespace(ns).list().getItems());
    all.addAll(client.rbac().roles().inNamespace(ns).list().getItems());
    all.addAll(client.rbac().roleBindings().inNamespace(ns).list().getItems());
    all.addAll(client.persistentVolumeClaims().inNamespace(ns).list().getItems());
    all.addAll(client.configMaps().inNamespace(ns).list().getItems());
    return all;
  }
}
