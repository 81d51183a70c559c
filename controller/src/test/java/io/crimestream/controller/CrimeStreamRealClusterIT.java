package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.api.Phase;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.controller.dependent.MetricsConfigMapDependent;
import io.crimestream.controller.status.Conditions;
import io.crimestream.controller.testing.Await;
import io.crimestream.controller.testing.AuditLog;
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
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the local control plane (a real kube-apiserver with RBAC, the garbage
 * collector and the Job controller): the CRD from the chart, the controller authenticated as
 * the chart's ServiceAccount with server-side apply, the real Job controller running the
 * producer Jobs, and the Spark driver in Kubernetes client mode, its spark-submit as the
 * controller wrote it: it asks the API server for two executor pods with its ServiceAccount's
 * token, the node's kubelet runs them as the image's entry point would, and they register with
 * the driver through its headless Service's name and run the training tasks. Two real months.
 */
class CrimeStreamRealClusterIT {

  /** Valid rows of 2016-04 and 2016-05 in the Kaggle sample (the crime-record module's count). */
  private static final long ROWS = 805 + 3446;
  private static final Duration DEADLINE = Duration.ofMinutes(10);
  private static final Pattern TASK_ON_EXECUTOR =
      Pattern.compile("Finished task .* on \\S+ \\(executor (\\d+)\\)");

  @TempDir
  Path dir;

  @Test
  void theDriverCreatesTwoExecutorsThatTrainEveryRowOfTwoMonths() throws Exception {
    // a hostPath without '..' (Kubernetes refuses one, and so does the CRD)
    Path csv = SharedData.file(SharedData.KAGGLE).toAbsolutePath().normalize();
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
         RealCluster cluster = RealCluster.start(dir.resolve("cluster"));
         StandInStrimzi strimzi = new StandInStrimzi(cluster.admin(), RealCluster.NAMESPACE,
             topic -> kafka.createTopic(topic, 1))) {
      KubernetesClient admin = cluster.admin();
      Path node = dir.resolve("node");
      ImageEntryPoints images = new ImageEntryPoints(cluster.projectRoot(),
          RealCluster.SPARK_IMAGE, RealCluster.PRODUCER_IMAGE, node.resolve("image"),
          node.resolve("hosts"));
      try (NodeKubelet kubelet = new NodeKubelet(cluster.controlPlane(), RealCluster.NAMESPACE, images,
          node)) {
        cluster.startController();

        CrimeStream cs = CrimeStreams.replay("replay", csv.toString(), "2016-04", "2016-05");
        cs.getSpec().getKafka().setBootstrapServers(kafka.bootstrapServers());
        SparkSpec spark = new SparkSpec();
        // fewer, larger batches: the same rows, a shorter test
        spark.setMaxRowsPerBatch(1500L);
        cs.getSpec().setSpark(spark);
        cs = admin.resource(cs).create();

        AuditLog audit = new AuditLog(cluster.controlPlane().auditLog());
        Object outcome = Await.until("every row trained", DEADLINE, () -> {
          if (!audit.forbidden(AuditLog.SERVICE_ACCOUNTS).isEmpty()) {
            return "forbidden";
          }
          CrimeStreamStatus s = admin.resources(CrimeStream.class)
              .inNamespace(RealCluster.NAMESPACE).withName("replay").get().getStatus();
          return s != null && s.getPhase() == Phase.Streaming && s.getRowsTrained() != null
              && s.getRowsTrained() + s.getRowsRejected() >= ROWS ? s : null;
        }, () -> describe(admin, node));
        // the controller's and the driver's RBAC: the API server refused none of their calls
        assertThat(audit.forbidden(AuditLog.SERVICE_ACCOUNTS)).as("calls RBAC refused").isEmpty();
        CrimeStreamStatus status = (CrimeStreamStatus) outcome;

        assertThat(status.getRowsTrained() + status.getRowsRejected()).isEqualTo(ROWS);
        assertThat(status.getMonths()).extracting(m -> m.getMonth() + " " + m.getState() + " "
            + m.getRowsSent()).containsExactly("2016-04 Succeeded 805", "2016-05 Succeeded 3446");
        assertThat(Conditions.isTrue(status, ConditionTypes.READY)).isTrue();
        assertThat(Conditions.isTrue(status, ConditionTypes.METRICS_AVAILABLE)).isTrue();
        assertThat(status.getModels()).containsKeys("logistic_regression", "decision_tree",
            "random_forest");

        // two executor pods, created by the driver, owned by the driver pod, both running
        Pod driver = admin.pods().inNamespace(RealCluster.NAMESPACE).withName("replay-driver")
            .get();
        List<Pod> executors = admin.pods().inNamespace(RealCluster.NAMESPACE)
            .withLabel("spark-role", "executor").list().getItems();
        assertThat(executors).hasSize(2).allSatisfy(e -> {
          assertThat(e.getMetadata().getOwnerReferences()).anySatisfy(r -> {
            assertThat(r.getKind()).isEqualTo("Pod");
            assertThat(r.getUid()).isEqualTo(driver.getMetadata().getUid());
          });
          assertThat(e.getStatus().getPhase()).isEqualTo("Running");
          assertThat(e.getMetadata().getName()).startsWith("replay-exec-");
        });

        // the driver's log shows training tasks finished on both executors
        String driverLog = Files.readString(containerLog(node, driver));
        Matcher m = TASK_ON_EXECUTOR.matcher(driverLog);
        java.util.Set<String> executorIds = new java.util.TreeSet<>();
        while (m.find()) {
          executorIds.add(m.group(1));
        }
        assertThat(executorIds).as("executors that ran tasks, per the driver's log")
            .containsExactly("1", "2");

        // the ConfigMap holds every batch, and the status copies its latest summary
        ConfigMap metrics = admin.configMaps().inNamespace(RealCluster.NAMESPACE)
            .withName("replay-metrics").get();
        MetricsReport report = MetricsJson.readReport(
            metrics.getData().get(MetricsConfigMapDependent.METRICS_KEY));
        assertThat((long) report.batches().size()).isEqualTo(status.getBatches());
        assertThat(report.summary().rowsTotal()).isEqualTo(status.getRowsTrained());
        assertThat(MetricsJson.readSummary(metrics.getData().get(
            MetricsConfigMapDependent.SUMMARY_KEY)).bestModel()).isEqualTo(status.getBestModel());
        assertThat(cs.getMetadata().getUid()).isNotNull();
      }
    }
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
