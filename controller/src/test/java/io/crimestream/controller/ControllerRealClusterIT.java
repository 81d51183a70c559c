package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.api.Phase;
import io.crimestream.controller.api.ProducerState;
import io.crimestream.controller.dependent.MetricsConfigMapDependent;
import io.crimestream.controller.dependent.SparkRoleDependent;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.status.Conditions;
import io.crimestream.controller.testing.AuditLog;
import io.crimestream.controller.testing.Closing;
import io.crimestream.controller.testing.Await;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.ImageEntryPoints;
import io.crimestream.controller.testing.NodeKubelet;
import io.crimestream.controller.testing.RealCluster;
import io.crimestream.controller.testing.StandInStrimzi;
import io.crimestream.metrics.Champion;
import io.crimestream.metrics.ChampionEvent;
import io.crimestream.metrics.DriftEvent;
import io.crimestream.metrics.DriftReport;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's guarantees on the local control plane, authenticated as the chart's
 * ServiceAccount with server-side apply: a restart creates nothing twice; a failing producer Job
 * is retried by the real Job controller up to its backoff limit and reported; a month taken out
 * of the spec loses its Job; a CrimeStream deleted with {@code kafka.deleteTopic} takes its
 * KafkaTopics along; and, over all of them, the API server's RBAC refused no call, while
 * the chart's Role grants nothing that no call of the controller accounts for. The control plane
 * starts once for the class; the RBAC test reads what the others did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControllerRealClusterIT {

  private static final Duration DEADLINE = Duration.ofMinutes(4);
  /** The CrimeStream whose pods the node runs (the others' stay unscheduled). */
  private static final String BROKEN = "broken";

  @TempDir
  static Path dir;
  private RealCluster cluster;
  private StandInStrimzi strimzi;
  private NodeKubelet kubelet;
  private AuditLog audit;
  private String controllerUser;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = RealCluster.start(dir.resolve("cluster"));
    // no broker: the topics are only marked Ready, no producer gets as far as sending
    strimzi = new StandInStrimzi(cluster.admin(), RealCluster.NAMESPACE, topic -> { });
    Path node = dir.resolve("node");
    ImageEntryPoints images = new ImageEntryPoints(cluster.projectRoot(),
        RealCluster.SPARK_IMAGE, RealCluster.PRODUCER_IMAGE, node.resolve("image"),
        node.resolve("hosts"));
    kubelet = new NodeKubelet(cluster.controlPlane(), RealCluster.NAMESPACE, images, node,
        pod -> BROKEN.equals(pod.getMetadata().getLabels().get(Labels.INSTANCE)));
    audit = new AuditLog(cluster.controlPlane().auditLog());
    controllerUser = AuditLog.user(RealCluster.CONTROLLER_NAMESPACE,
        cluster.controllerServiceAccount());
    cluster.startController();
  }

  @AfterAll
  void stopCluster() {
    Closing.all(kubelet, strimzi, cluster);
  }

  @Test
  @Order(1)
  void aRestartedControllerCreatesNothingTwice() {
    KubernetesClient admin = cluster.admin();
    CrimeStream cs = admin.resource(ownTopic(CrimeStreams.replay("restart",
        "/data/chicago/kaggle_2012_2017_sample.csv", "2016-04", "2016-05"))).create();
    String uid = cs.getMetadata().getUid();
    Map<String, String> before = Await.until("the CrimeStream's objects created", DEADLINE,
        () -> {
          Map<String, String> owned = owned(admin, uid);
          return owned.keySet().containsAll(List.of("Job/restart-producer-2016-04",
              "Pod/restart-driver", "Service/restart-driver", "ServiceAccount/restart-spark",
              "Role/restart-spark", "RoleBinding/restart-spark",
              "PersistentVolumeClaim/restart-checkpoint", "ConfigMap/restart-metrics",
              "ConfigMap/restart-executor-template")) ? owned : null;
        }, () -> owned(admin, uid).keySet().toString());
    assertThat(audit.refused()).as("calls RBAC refused").isEmpty();

    restartAndExpectNothingCreated(admin, uid, before, true);
  }

  /** Restarts the controller and checks that it reconciled "restart" and created nothing. */
  private void restartAndExpectNothingCreated(KubernetesClient admin, String uid,
                                              Map<String, String> before,
                                              boolean serverSideApply) {
    cluster.stopController();
    Instant restarted = Instant.now();
    cluster.startController(serverSideApply);
    // the restarted controller has reconciled the CrimeStream when it wrote its status
    Await.until("the restarted controller's status write", DEADLINE, () -> audit.requests()
        .stream().anyMatch(r -> r.user().equals(controllerUser) && r.at().isAfter(restarted)
            && r.resource().equals("crimestreams/status") && r.name().equals("restart")),
        () -> "no status write yet");

    assertThat(owned(admin, uid)).as("the same objects, none replaced").isEqualTo(before);
    List<AuditLog.Request> created = audit.requests().stream()
        .filter(r -> r.user().equals(controllerUser) && r.at().isAfter(restarted)
            && r.code() == 201).toList();
    assertThat(created).as("objects the restarted controller created").isEmpty();
    assertThat(audit.refused()).as("calls RBAC refused").isEmpty();
  }

  @Test
  @Order(3)
  void aControllerRestartedWithoutServerSideApplyCreatesNothingTwiceEither() {
    KubernetesClient admin = cluster.admin();
    CrimeStream cs = admin.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE)
        .withName("restart").get();
    assertThat(cs).as("the CrimeStream of the first test").isNotNull();
    String uid = cs.getMetadata().getUid();
    // the chart's other mode, controller.serverSideApply=false: POST, PUT and GET
    restartAndExpectNothingCreated(admin, uid, owned(admin, uid), false);
  }

  @Test
  @Order(2)
  void aFailingProducerJobIsRetriedByTheJobControllerUpToItsBackoffLimit() {
    KubernetesClient admin = cluster.admin();
    admin.resource(ownTopic(CrimeStreams.replay(BROKEN, "/nonexistent/crimes.csv", "2016-04",
        "2016-05"))).create();

    CrimeStreamStatus status = Await.until("phase Failed", DEADLINE, () -> {
      CrimeStreamStatus s = admin.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE)
          .withName(BROKEN).get().getStatus();
      return s != null && s.getPhase() == Phase.Failed ? s : null;
    }, () -> String.valueOf(admin.resources(CrimeStream.class)
        .inNamespace(RealCluster.NAMESPACE).withName(BROKEN).get().getStatus()));

    // the Job controller's own account of it: three pods (backoff limit 2), then Failed
    Job job = admin.batch().v1().jobs().inNamespace(RealCluster.NAMESPACE)
        .withName(BROKEN + "-producer-2016-04").get();
    assertThat(job.getStatus().getFailed()).isEqualTo(3);
    assertThat(job.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Failed");
      assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded");
    });
    List<Pod> pods = admin.pods().inNamespace(RealCluster.NAMESPACE)
        .withLabel("job-name", job.getMetadata().getName()).list().getItems();
    assertThat(pods).hasSize(3).allSatisfy(p -> {
      assertThat(p.getStatus().getPhase()).isEqualTo("Failed");
      assertThat(p.getStatus().getContainerStatuses().get(0).getState().getTerminated()
          .getExitCode()).isEqualTo(3);
    });

    var april = status.getMonths().get(0);
    assertThat(april.getState()).isEqualTo(ProducerState.Failed);
    assertThat(april.getFailedPods()).isEqualTo(3);
    assertThat(april.getMessage()).contains("BackoffLimitExceeded")
        .contains("exit code 3 (the dataset source could not be read)");
    assertThat(status.getMonths().get(1).getState()).isEqualTo(ProducerState.Pending);
    assertThat(Conditions.find(status, ConditionTypes.READY).orElseThrow().getReason())
        .isEqualTo("ProducerFailed");
    // the later month waits: no Job for it
    assertThat(admin.batch().v1().jobs().inNamespace(RealCluster.NAMESPACE)
        .withName(BROKEN + "-producer-2016-05").get()).isNull();
    assertThat(audit.refused()).as("calls RBAC refused").isEmpty();
  }

  @Test
  @Order(4)
  void aMonthTakenOutOfTheSpecLosesItsJobThroughAForegroundDeletion() {
    KubernetesClient admin = cluster.admin();
    String april = "restart-producer-2016-04";
    assertThat(admin.batch().v1().jobs().inNamespace(RealCluster.NAMESPACE).withName(april)
        .get()).as("the first test's Job").isNotNull();
    Instant edited = Instant.now();
    admin.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE).withName("restart")
        .edit(cs -> {
          cs.getSpec().setMonths(List.of("2016-05"));
          return cs;
        });

    Await.until("the Job of 2016-04 and its pod gone", DEADLINE, () ->
        admin.batch().v1().jobs().inNamespace(RealCluster.NAMESPACE).withName(april).get() == null
            && admin.pods().inNamespace(RealCluster.NAMESPACE).withLabel("job-name", april)
            .list().getItems().isEmpty(), () -> "still there");
    assertThat(audit.requests()).as("the controller's deletion of the Job").anySatisfy(r -> {
      assertThat(r.user()).isEqualTo(controllerUser);
      assertThat(r.at()).isAfter(edited);
      assertThat(r.right()).isEqualTo("delete batch/jobs");
      assertThat(r.name()).isEqualTo(april);
    });
    assertThat(audit.refused()).as("calls RBAC refused").isEmpty();
  }

  @Test
  @Order(4)
  void deletingACrimeStreamThatOwnsItsTopicsDeletesItsKafkaTopics() {
    KubernetesClient admin = cluster.admin();
    CrimeStream cs = ownTopic(CrimeStreams.replay("disposable",
        "/data/chicago/kaggle_2012_2017_sample.csv", "2016-05"));
    cs.getSpec().getKafka().setDeleteTopic(true);
    admin.resource(cs).create();
    Await.until("its KafkaTopics created", DEADLINE, () -> kafkaTopics(admin, "disposable-crimes").size() >= 2,
        () -> "topics: " + kafkaTopics(admin, "disposable-crimes"));
    Instant asked = Instant.now();
    admin.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE).withName("disposable").delete();

    Await.until("the CrimeStream and its KafkaTopics gone", DEADLINE, () ->
        admin.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE).withName("disposable").get() == null
            && kafkaTopics(admin, "disposable-crimes").isEmpty(),
        () -> "topics: " + kafkaTopics(admin, "disposable-crimes"));
    assertThat(audit.requests()).as("the controller's deletion of the topics").anySatisfy(r -> {
      assertThat(r.user()).isEqualTo(controllerUser);
      assertThat(r.at()).isAfter(asked);
      assertThat(r.right()).isEqualTo("delete kafka.strimzi.io/kafkatopics");
    });
    assertThat(audit.refused()).as("calls RBAC refused").isEmpty();
  }

  private static List<String> kafkaTopics(KubernetesClient admin, String prefix) {
    return admin.genericKubernetesResources("kafka.strimzi.io/v1", "KafkaTopic")
        .inNamespace(RealCluster.NAMESPACE).list().getItems().stream()
        .map(t -> t.getMetadata().getName()).filter(n -> n.startsWith(prefix)).toList();
  }

  @Test
  @Order(5)
  void aCrimeStreamDeletedWithDeleteTopicTakesItsKafkaTopicsAlong() {
    KubernetesClient admin = cluster.admin();
    CrimeStream cs = ownTopic(CrimeStreams.replay("topics-go",
        "/data/chicago/kaggle_2012_2017_sample.csv", "2016-05"));
    cs.getSpec().getKafka().setDeleteTopic(true);
    admin.resource(cs).create();
    List<String> topics = List.of("topics-go-crimes", "topics-go-crimes-predictions",
        "topics-go-crimes-dlq");
    Await.until("its KafkaTopics", DEADLINE, () -> topics.stream().allMatch(t -> admin
        .resources(KafkaTopic.class).inNamespace(RealCluster.NAMESPACE).withName(t).get() != null),
        () -> "not yet");

    Instant deleted = Instant.now();
    admin.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE).withName("topics-go")
        .delete();

    Await.until("its KafkaTopics gone with it", DEADLINE, () -> topics.stream().allMatch(t -> admin
        .resources(KafkaTopic.class).inNamespace(RealCluster.NAMESPACE).withName(t).get() == null),
        () -> "still there");
    assertThat(audit.requests()).as("the controller's deletion of the KafkaTopics")
        .filteredOn(r -> r.user().equals(controllerUser) && r.at().isAfter(deleted)
            && r.right().equals("delete kafka.strimzi.io/kafkatopics"))
        .extracting(AuditLog.Request::name).containsExactlyInAnyOrderElementsOf(topics);
    assertThat(audit.refused()).as("calls RBAC refused").isEmpty();
  }

  /**
   * What the job reports (here written into the metrics ConfigMap as the driver would: no driver
   * runs for this CrimeStream) becomes Events on the CrimeStream, created with the chart's rights.
   */
  @Test
  @Order(5)
  void aPromotionAndADriftTheJobReportsBecomeEventsOnTheCrimeStream() {
    KubernetesClient admin = cluster.admin();
    admin.resource(ownTopic(CrimeStreams.replay("events", "/data/chicago/kaggle_2012_2017_sample.csv",
        "2016-05"))).create();
    Await.until("its metrics ConfigMap", DEADLINE, () -> admin.configMaps()
        .inNamespace(RealCluster.NAMESPACE).withName("events-metrics").get(), () -> "not yet");
    MetricsReport.Summary summary = new MetricsReport.Summary(4, 3, 480, 0, "random_forest",
        "2026-12-01T12:00:00Z", Map.of()).withChampion(new Champion("random_forest", 3, 2, false))
        .withRecentEvents(List.of(new ChampionEvent(2, ChampionEvent.PROMOTED, "random_forest", 3,
                "logistic_regression", 2, "led for 3 batches")),
            new DriftReport(Map.of("arrest_rate", 1L), List.of(new DriftEvent(3, "arrest_rate", 51.2, 450,
                300, DriftEvent.REPORTED))));
    admin.configMaps().inNamespace(RealCluster.NAMESPACE).withName("events-metrics")
        .edit(c -> new ConfigMapBuilder(c).addToData(MetricsConfigMapDependent.SUMMARY_KEY,
            MetricsJson.write(summary, false)).build());

    List<Event> events = Await.until("the promotion's and the drift's Events", DEADLINE, () -> {
      List<Event> mine = admin.v1().events().inNamespace(RealCluster.NAMESPACE).list().getItems()
          .stream().filter(e -> "events".equals(e.getInvolvedObject().getName())).toList();
      return mine.size() >= 2 ? mine : null;
    }, () -> "no Events yet");
    assertThat(events).extracting(Event::getReason, Event::getType).containsExactlyInAnyOrder(
        tuple("ChampionPromoted", "Normal"),
        tuple("DriftDetected", "Warning"));
    CrimeStreamStatus status = admin.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE)
        .withName("events").get().getStatus();
    assertThat(status.getChampion().getModel()).isEqualTo("random_forest");
    assertThat(Conditions.find(status, ConditionTypes.DRIFT_DETECTED).orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(audit.refused()).as("calls RBAC refused").isEmpty();
  }

  @Test
  @Order(6)
  void theChartsRoleGrantsWhatTheControllerUsedAndWhatTheDriversRoleNeeds() {
    Set<String> used = audit.requests().stream()
        .filter(r -> r.user().equals(controllerUser) && r.namespace().equals(
            RealCluster.NAMESPACE))
        .map(AuditLog.Request::right).collect(Collectors.toCollection(TreeSet::new));
    System.out.println("the controller's calls in " + RealCluster.NAMESPACE + ": " + used);
    Role role = cluster.chartRbac().stream().filter(Role.class::isInstance).map(Role.class::cast)
        .filter(r -> RealCluster.NAMESPACE.equals(r.getMetadata().getNamespace())).findFirst()
        .orElseThrow();
    Set<String> granted = rights(role.getRules());
    assertThat(used).as("rights the controller used").isSubsetOf(granted);

    Set<String> accounted = new TreeSet<>(used);
    // held so that the controller may grant them in the driver's Role
    accounted.addAll(rights(SparkRoleDependent.rules("metrics")));
    for (String right : used) {
      String[] verbAndResource = right.split(" ", 2);
      if (verbAndResource[0].equals("patch")) {
        // what the controller sends instead of a server-side apply PATCH without it (JOSDK:
        // POST to create, PUT to update); these tests ran both modes on existing objects
        accounted.add("create " + verbAndResource[1]);
        accounted.add("update " + verbAndResource[1]);
      }
      if (verbAndResource[0].equals("create")) {
        // the update of what it created, without and with server-side apply
        accounted.add("update " + verbAndResource[1]);
        accounted.add("patch " + verbAndResource[1]);
      }
      if (verbAndResource[0].equals("watch")) {
        // one object read on a path not taken here (an edit, a status patch retried after
        // a conflict) of a resource the controller watches
        accounted.add("get " + verbAndResource[1]);
        accounted.add("get " + verbAndResource[1] + "/status");
      }
    }
    Set<String> unaccounted = new TreeSet<>(granted);
    unaccounted.removeAll(accounted);
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    System.out.println("granted and not used on this run: " + unused);
    assertThat(unaccounted).as("rights of the chart's Role that no call of the controller"
        + " accounts for").isEmpty();
  }

  /** A topic of its own: two CrimeStreams of a namespace on one topic would share its KafkaTopic. */
  private static CrimeStream ownTopic(CrimeStream cs) {
    cs.getSpec().getKafka().setTopic(cs.getMetadata().getName() + "-crimes");
    return cs;
  }

  static Set<String> rights(List<PolicyRule> rules) {
    Set<String> rights = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            rights.add(verb + " " + (group.isEmpty() ? "" : group + "/") + resource);
          }
        }
      }
    }
    return rights;
  }

  /** {@code Kind/name -> uid} of every object of the namespace owned by {@code uid}. */
  private static Map<String, String> owned(KubernetesClient admin, String uid) {
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
    Map<String, String> owned = new TreeMap<>();
    all.stream().filter(o -> o.getMetadata().getOwnerReferences().stream()
            .anyMatch(r -> uid.equals(r.getUid())))
        .forEach(o -> owned.put(o.getKind() + "/" + o.getMetadata().getName(),
            o.getMetadata().getUid()));
    return owned;
  }
}
