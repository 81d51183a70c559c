package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.api.DriftSpec;
import io.crimestream.controller.api.Phase;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.controller.dependent.MetricsConfigMapDependent;
import io.crimestream.controller.dependent.SparkRoleDependent;
import io.crimestream.controller.status.Conditions;
import io.crimestream.controller.testing.AuditLog;
import io.crimestream.controller.testing.Closing;
import io.crimestream.controller.testing.Await;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.ImageEntryPoints;
import io.crimestream.controller.testing.NodeKubelet;
import io.crimestream.controller.testing.RealCluster;
import io.crimestream.controller.testing.StandInStrimzi;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.record.SharedData;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the local control plane (a real kube-apiserver with RBAC, the garbage
 * collector and the Job controller): the CRD from the chart, the controller authenticated as
 * the chart's ServiceAccount with server-side apply, the real Job controller running the
 * producer Jobs, and the Spark driver in Kubernetes client mode, its spark-submit as the
 * controller wrote it: it asks the API server for two executor pods with its ServiceAccount's
 * token, the node's kubelet runs them as the image's entry point would, and they register with
 * the driver through its headless Service's name and run the training tasks. Two real months.
 * Then the CrimeStream is deleted and the real garbage collector removes everything it owned,
 * the executors (owned by the driver pod) included. The control plane starts once for the
 * class; the tests run in order on the same pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrimeStreamRealClusterIT {

  /** Valid rows of 2016-04 and 2016-05 in the Kaggle sample (the crime-record module's count). */
  private static final long ROWS = 805 + 3446;
  private static final Duration DEADLINE = Duration.ofMinutes(10);
  private static final Pattern TASK_ON_EXECUTOR =
      Pattern.compile("Finished task .* on \\S+ \\(executor (\\d+)\\)");
  private static final String NAME = "replay";

  @TempDir
  static Path dir;
  private EmbeddedKafka kafka;
  private RealCluster cluster;
  private StandInStrimzi strimzi;
  private NodeKubelet kubelet;
  private Path node;
  private AuditLog audit;

  @BeforeAll
  void startPipeline() throws Exception {
    kafka = EmbeddedKafka.start();
    cluster = RealCluster.start(dir.resolve("cluster"));
    strimzi = new StandInStrimzi(cluster.admin(), RealCluster.NAMESPACE,
        topic -> kafka.createTopic(topic, 1));
    node = dir.resolve("node");
    ImageEntryPoints images = new ImageEntryPoints(cluster.projectRoot(),
        RealCluster.SPARK_IMAGE, RealCluster.PRODUCER_IMAGE, node.resolve("image"),
        node.resolve("hosts"));
    kubelet = new NodeKubelet(cluster.controlPlane(), RealCluster.NAMESPACE, images, node);
    audit = new AuditLog(cluster.controlPlane().auditLog());
    cluster.startController();
  }

  @AfterAll
  void stopPipeline() {
    Closing.all(kubelet, strimzi, cluster, kafka);
  }

  @Test
  @Order(1)
  void theDriverCreatesTwoExecutorsThatTrainEveryRowOfTwoMonths() throws Exception {
    KubernetesClient admin = cluster.admin();
    // a hostPath without '..' (Kubernetes refuses one, and so does the CRD)
    Path csv = SharedData.file(SharedData.KAGGLE).toAbsolutePath().normalize();
    // April as history: learned before May streams, never scored
    CrimeStream cs = CrimeStreams.replay(NAME, csv.toString(), "2016-05");
    cs.getSpec().setHistory(List.of("2016-04"));
    // a detector this sensitive fires on two real months: the condition and the Event must show it
    DriftSpec drift = new DriftSpec();
    drift.setThreshold(5);
    drift.setMinRows(50);
    cs.getSpec().setDrift(drift);
    cs.getSpec().getKafka().setBootstrapServers(kafka.bootstrapServers());
    SparkSpec spark = new SparkSpec();
    // fewer, larger batches: the same rows, a shorter test
    spark.setMaxRowsPerBatch(1500L);
    cs.getSpec().setSpark(spark);
    admin.resource(cs).create();

    Object outcome = Await.until("every row trained", DEADLINE, () -> {
      if (!audit.refused().isEmpty()) {
        return "forbidden";
      }
      CrimeStreamStatus s = admin.resources(CrimeStream.class)
          .inNamespace(RealCluster.NAMESPACE).withName(NAME).get().getStatus();
      return s != null && s.getPhase() == Phase.Streaming && s.getRowsTrained() != null
          && s.getRowsTrained() + s.getRowsRejected() >= ROWS ? s : null;
    }, () -> describe(admin, node));
    // the controller's and the driver's RBAC: the API server refused none of their calls
    assertThat(audit.refused()).as("calls RBAC refused").isEmpty();
    CrimeStreamStatus status = (CrimeStreamStatus) outcome;

    assertThat(status.getRowsTrained() + status.getRowsRejected()).isEqualTo(ROWS);
    assertThat(status.getMonths()).extracting(m -> m.getMonth() + " " + m.getState() + " "
        + m.getRowsSent() + (Boolean.TRUE.equals(m.getHistory()) ? " history" : ""))
        .containsExactly("2016-04 Succeeded 805 history", "2016-05 Succeeded 3446");
    assertThat(Conditions.isTrue(status, ConditionTypes.READY)).isTrue();
    assertThat(Conditions.isTrue(status, ConditionTypes.METRICS_AVAILABLE)).isTrue();
    assertThat(status.getModels()).containsKeys("logistic_regression", "decision_tree",
        "random_forest");

    // two executor pods, created by the driver, owned by the driver pod, both running
    Pod driver = admin.pods().inNamespace(RealCluster.NAMESPACE).withName(NAME + "-driver")
        .get();
    assertThat(executors(admin)).hasSize(2).allSatisfy(e -> {
      assertThat(e.getMetadata().getOwnerReferences()).anySatisfy(r -> {
        assertThat(r.getKind()).isEqualTo("Pod");
        assertThat(r.getUid()).isEqualTo(driver.getMetadata().getUid());
      });
      assertThat(e.getStatus().getPhase()).isEqualTo("Running");
      assertThat(e.getMetadata().getName()).startsWith(NAME + "-exec-");
    });

    // the driver's log shows training tasks finished on both executors
    String driverLog = Files.readString(containerLog(node, driver));
    Matcher m = TASK_ON_EXECUTOR.matcher(driverLog);
    Set<String> executorIds = new TreeSet<>();
    while (m.find()) {
      executorIds.add(m.group(1));
    }
    assertThat(executorIds).as("executors that ran tasks, per the driver's log")
        .containsExactly("1", "2");

    // the ConfigMap holds every batch, and the status copies its latest summary
    ConfigMap metrics = admin.configMaps().inNamespace(RealCluster.NAMESPACE)
        .withName(NAME + "-metrics").get();
    MetricsReport report = MetricsJson.readReport(
        metrics.getData().get(MetricsConfigMapDependent.METRICS_KEY));
    assertThat((long) report.batches().size()).isEqualTo(status.getBatches());
    assertThat(report.summary().rowsTotal()).isEqualTo(status.getRowsTrained());
    assertThat(MetricsJson.readSummary(metrics.getData().get(
        MetricsConfigMapDependent.SUMMARY_KEY)).bestModel()).isEqualTo(status.getBestModel());
    assertThat(report.rowsHistory()).as("April, learned as history").isEqualTo(805);

    // the predictions' KafkaTopic beside the stream's
    assertThat(admin.resources(KafkaTopic.class).inNamespace(RealCluster.NAMESPACE).list().getItems())
        .extracting(t -> t.getMetadata().getName()).anySatisfy(n -> assertThat(n).contains("predictions"));
    // the champion in the status, and its promotion as an Event on the CrimeStream
    assertThat(status.getChampion()).isNotNull();
    assertThat(status.getModels()).containsKey(status.getChampion().getModel());
    assertThat(report.champion().model()).isEqualTo(status.getChampion().getModel());
    // the drift: counted, a condition that is not Unknown, and Warning Events
    assertThat(status.getDriftDetections()).isPositive();
    assertThat(Conditions.find(status, ConditionTypes.DRIFT_DETECTED).orElseThrow().getReason())
        .isIn("ArrestRateChanged", "ModelErrorRose", "NoRecentDrift");
    List<Event> events = Await.until("the champion's and the drift's Events", Duration.ofMinutes(1), () -> {
      List<Event> mine = admin.v1().events().inNamespace(RealCluster.NAMESPACE).list().getItems().stream()
          .filter(e -> NAME.equals(e.getInvolvedObject().getName())
              && "CrimeStream".equals(e.getInvolvedObject().getKind())).toList();
      return mine.stream().map(Event::getReason).collect(Collectors.toSet())
          .containsAll(Set.of("ChampionPromoted", "DriftDetected")) ? mine : null;
    }, () -> "Events: " + admin.v1().events().inNamespace(RealCluster.NAMESPACE).list().getItems().stream()
        .map(e -> e.getInvolvedObject().getName() + " " + e.getReason()).toList());
    assertThat(events).filteredOn(e -> e.getReason().equals("DriftDetected"))
        .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));

    // the driver pod and its Service declare the metrics port, and the driver serves it (the
    // stand-in kubelet runs the pod's processes on this machine)
    assertThat(driver.getSpec().getContainers().get(0).getPorts())
        .anySatisfy(p -> assertThat(p.getName() + " " + p.getContainerPort()).isEqualTo("metrics 9464"));
    assertThat(admin.services().inNamespace(RealCluster.NAMESPACE).withName(NAME + "-driver").get()
        .getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName() + " " + p.getPort())
        .isEqualTo("metrics 9464"));
    HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:9464/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.body()).contains("crimestream_records_total{outcome=\"history\"} 805");
  }

  @Test
  @Order(2)
  void deletingTheCrimeStreamRemovesEverythingItOwnedThroughTheGarbageCollector() {
    KubernetesClient admin = cluster.admin();
    CrimeStream cs = admin.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE)
        .withName(NAME).get();
    assertThat(cs).as("the CrimeStream the first test ran").isNotNull();
    String uid = cs.getMetadata().getUid();
    Await.until("the driver's two executors running", Duration.ofMinutes(3),
        () -> executors(admin).size() == 2 && executors(admin).stream()
            .allMatch(p -> "Running".equals(p.getStatus().getPhase())),
        () -> describe(admin, node));
    List<HasMetadata> owned = owned(admin, uid);
    assertThat(owned).extracting(HasMetadata::getKind).contains("Job", "Pod", "Service",
        "ServiceAccount", "Role", "RoleBinding", "PersistentVolumeClaim", "ConfigMap");

    // kubectl delete cs replay
    Instant deleted = Instant.now();
    admin.resource(cs).delete();

    Await.until("everything the CrimeStream owned, and the executors, gone",
        Duration.ofMinutes(3), () -> owned(admin, uid).isEmpty() && executors(admin).isEmpty()
            && admin.pods().inNamespace(RealCluster.NAMESPACE).list().getItems().isEmpty(),
        () -> "left: " + owned(admin, uid).stream().map(o -> o.getKind() + "/"
            + o.getMetadata().getName()).toList() + ", executors " + executors(admin).size());
    // the topics stay for another CrimeStream to replay (kafka.deleteTopic is off)
    assertThat(admin.resources(KafkaTopic.class).inNamespace(RealCluster.NAMESPACE).list()
        .getItems()).isNotEmpty();
    // The garbage collector deletes the driver's RoleBinding while the driver stops: its own
    // deletion of its executors may come too late and be refused, which costs nothing, since
    // the executors belong to the driver pod and went with it (asserted above). Nothing else is
    // refused.
    String driver = AuditLog.user(RealCluster.NAMESPACE, NAME + "-spark");
    assertThat(audit.refused()).as("calls RBAC refused").allSatisfy(r -> {
      assertThat(r.user()).isEqualTo(driver);
      assertThat(r.at()).isAfterOrEqualTo(deleted.minusSeconds(1));
      assertThat(r.verb() + " " + r.resource()).isEqualTo("deletecollection pods");
    });
  }

  @Test
  @Order(3)
  void theDriversRoleGrantsWhatTheDriverUsedAndNothingElse() {
    String driver = AuditLog.user(RealCluster.NAMESPACE, NAME + "-spark");
    Set<String> used = new TreeSet<>();
    audit.requests().stream().filter(r -> r.user().equals(driver))
        .filter(r -> !AuditLog.isSparksServiceCleanup(r)).forEach(r -> used.add(r.right()));
    System.out.println("the driver's calls: " + used);
    Set<String> granted = ControllerRealClusterIT.rights(SparkRoleDependent.rules(NAME
        + "-metrics"));
    assertThat(used).as("the driver's calls").isSubsetOf(granted);
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    // Spark deletes one executor's pod when that executor is lost or removed: not on this run
    assertThat(unused).as("rights of the driver's Role it did not use").containsOnly(
        "delete pods");
  }

  private static List<Pod> executors(KubernetesClient admin) {
    return admin.pods().inNamespace(RealCluster.NAMESPACE).withLabel("spark-role", "executor")
        .list().getItems();
  }

  /** Every object of the namespace with an owner reference to {@code uid}. */
  private static List<HasMetadata> owned(KubernetesClient admin, String uid) {
    String ns = RealCluster.NAMESPACE;
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(admin.batch().v1().jobs().inNamespace(ns).list().getItems());
    all.addAll(admin.pods().inNamespace(ns).list().getItems());
    all.addAll(admin.services().inNamespace(ns).list().getItems());
    all.addAll(admin.serviceAccounts().inNamespace(ns).list().getItems());
    all.addAll(admin.rbac().roles().inNamespace(ns).list().getItems());
    all.addAll(admin.rbac().roleBindings().inNamespace(ns).list().getItems());
    all.addAll(admin.persistentVolumeClaims().inNamespace(ns).list().getItems());
    all.addAll(admin.configMaps().inNamespace(ns).list().getItems());
    all.addAll(admin.resources(KafkaTopic.class).inNamespace(ns).list().getItems());
    return all.stream().filter(o -> o.getMetadata().getOwnerReferences().stream()
        .anyMatch(r -> uid.equals(r.getUid()))).toList();
  }

  private static Path containerLog(Path node, Pod pod) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(node.resolve("pods"))) {
      return files.filter(p -> p.getFileName().toString().equals("container.log")
              && p.getParent().getFileName().toString().endsWith(pod.getMetadata().getUid()))
          .findFirst().orElseThrow(() -> new AssertionError("no log of pod "
              + pod.getMetadata().getName()));
    }
  }

  /** The status, the pods and the tail of every container's log, for a failure message. */
  static String describe(KubernetesClient client, Path node) {
    StringBuilder s = new StringBuilder();
    client.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE).list().getItems()
        .forEach(c -> s.append(client.getKubernetesSerialization().asYaml(c.getStatus())));
    client.pods().inNamespace(RealCluster.NAMESPACE).list().getItems().forEach(p -> s.append(
        "\npod ").append(p.getMetadata().getName()).append(' ').append(p.getStatus() == null
        ? "" : p.getStatus().getPhase()));
    try (Stream<Path> logs = Files.walk(node)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().equals("container.log"))
          .collect(Collectors.toList())) {
        List<String> lines = Files.readAllLines(log);
        s.append("\n--- ").append(node.relativize(log)).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      }
    } catch (Exception e) {
      s.append("\n(cannot read the logs: ").append(e).append(')');
    }
    return s.toString();
  }
}
