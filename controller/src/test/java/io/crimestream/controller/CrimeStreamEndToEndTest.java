package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.api.KafkaAuthentication;
import io.crimestream.controller.api.KafkaTls;
import io.crimestream.controller.api.Phase;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.controller.dependent.MetricsConfigMapDependent;
import io.crimestream.controller.status.Conditions;
import io.crimestream.controller.testing.Await;
import io.crimestream.controller.testing.ChildJvmRunner;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.MockCluster;
import io.crimestream.controller.testing.StandInKubelet;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.kafka.embedded.TestTls;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.record.SharedData;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as a user runs it, without a cluster: the controller on the mock API server,
 * a real KRaft broker, and the stand-in kubelet running the producer Jobs and the Spark driver
 * as child JVMs with exactly the arguments and environment the controller wrote. Two months of
 * the real export are replayed; the test waits until every row is trained and published.
 *
 * <p>The broker is reached as a secured Strimzi cluster is: SCRAM-SHA-512 over TLS, the
 * KafkaUser's password and the cluster CA in Secrets that the stand-in kubelet mounts. So the
 * programs authenticate with what the controller wrote into their pods, and the password is
 * then looked for, and must not be found, in every container's log, every ConfigMap, every pod
 * and the CrimeStream.
 */
class CrimeStreamEndToEndTest {

  /** Valid rows of 2016-04 and 2016-05 in the Kaggle sample (the crime-record module's count). */
  private static final long ROWS = 805 + 3446;
  private static final Duration DEADLINE = Duration.ofMinutes(6);
  private static final String USER = "crimestream";
  private static final String PASSWORD = "E2e-Scram-Pw-51d0c8";

  @TempDir
  Path nodeDir;

  @Test
  void replaysTwoMonthsThroughKafkaAndSparkIntoTheStatusAndTheMetricsConfigMap()
      throws Exception {
    Path csv = SharedData.file(SharedData.KAGGLE).toAbsolutePath();
    assertThat(csv).isRegularFile();
    Path projectRoot = Path.of(System.getProperty("crimestream.projectRoot", ".."));
    StandInKubelet.entryPoint(MockCluster.PRODUCER_IMAGE,
        List.of(ChildJvmRunner.PRODUCER_ENTRY_POINT));
    ChildJvmRunner runner = new ChildJvmRunner(projectRoot);
    TestTls tls = TestTls.generate(nodeDir.resolve("tls"));

    try (EmbeddedKafka kafka = EmbeddedKafka.start(new EmbeddedKafka.Security(USER, PASSWORD,
        tls));
         MockCluster cluster = MockCluster.withStrimzi();
         StandInKubelet kubelet = new StandInKubelet(cluster.client(), MockCluster.NAMESPACE,
             runner, topic -> kafka.createTopic(topic, 1), cluster.url(), nodeDir)) {
      KubernetesClient client = cluster.client();
      // what Strimzi's user and cluster operators publish
      client.resource(new SecretBuilder().withNewMetadata().withName(USER)
          .withNamespace(MockCluster.NAMESPACE).endMetadata()
          .addToData("password", base64(PASSWORD.getBytes(StandardCharsets.UTF_8))).build())
          .create();
      client.resource(new SecretBuilder().withNewMetadata().withName("my-cluster-cluster-ca-cert")
          .withNamespace(MockCluster.NAMESPACE).endMetadata()
          .addToData("ca.crt", base64(Files.readAllBytes(tls.caCertificate()))).build()).create();
      cluster.startController();

      CrimeStream cs = CrimeStreams.replay("replay", csv.toString(), "2016-04", "2016-05");
      cs.getSpec().getKafka().setBootstrapServers(kafka.bootstrapServers("SASL_SSL"));
      cs.getSpec().getKafka().setTls(new KafkaTls());
      KafkaAuthentication scram = new KafkaAuthentication();
      scram.setType("scram-sha-512");
      scram.setUsername(USER);
      scram.setPasswordSecret(new KafkaAuthentication.PasswordSecret(USER, null));
      cs.getSpec().getKafka().setAuthentication(scram);
      SparkSpec spark = new SparkSpec();
      // fewer, larger batches: the same rows, a shorter test
      spark.setMaxRowsPerBatch(1500L);
      cs.getSpec().setSpark(spark);
      cs = client.resource(cs).create();

      CrimeStreamStatus status = Await.until("every row trained", DEADLINE, () -> {
        CrimeStreamStatus s = client.resources(CrimeStream.class)
            .inNamespace(MockCluster.NAMESPACE).withName("replay").get().getStatus();
        return s != null && s.getPhase() == Phase.Streaming && s.getRowsTrained() != null
            && s.getRowsTrained() + s.getRowsRejected() >= ROWS ? s : null;
      }, () -> describe(client, nodeDir));

      if (status.getDriver() != null && status.getDriver().getRestarts() != null) {
        // replaced after a failure and recovered: say why, for whoever reads the test's output
        System.out.println("the driver was replaced " + status.getDriver().getRestarts()
            + " time(s); last failure: " + status.getDriver().getLastFailureMessage());
      }
      assertThat(status.getRowsTrained() + status.getRowsRejected()).isEqualTo(ROWS);
      // in month order, each with the rows its producer reported acknowledged
      assertThat(status.getMonths()).extracting(m -> m.getMonth() + " " + m.getState() + " "
          + m.getRowsSent()).containsExactly("2016-04 Succeeded 805", "2016-05 Succeeded 3446");
      assertThat(Conditions.isTrue(status, ConditionTypes.READY)).isTrue();
      assertThat(Conditions.isTrue(status, ConditionTypes.METRICS_AVAILABLE)).isTrue();
      assertThat(status.getBestModel()).isNotNull();
      assertThat(status.getModels()).containsKeys("logistic_regression", "decision_tree",
          "random_forest");

      // the driver asked for two executors, with itself as their owner
      assertThat(runner.driverConfs()).isNotEmpty().allSatisfy(conf -> {
        assertThat(conf).containsEntry("spark.executor.instances", "2");
        assertThat(conf).containsEntry("spark.kubernetes.driver.pod.name", "replay-driver");
        assertThat(conf).containsEntry("spark.submit.deployMode", "client");
      });

      // the ConfigMap holds every batch, and the status copies its latest summary
      ConfigMap metrics = client.configMaps().inNamespace(MockCluster.NAMESPACE)
          .withName("replay-metrics").get();
      MetricsReport report = MetricsJson.readReport(
          metrics.getData().get(MetricsConfigMapDependent.METRICS_KEY));
      assertThat(report.batchesOmitted()).isZero();
      assertThat((long) report.batches().size()).isEqualTo(status.getBatches());
      assertThat(report.summary().rowsTotal()).isEqualTo(status.getRowsTrained());
      assertThat(MetricsJson.readSummary(metrics.getData().get(
          MetricsConfigMapDependent.SUMMARY_KEY)).bestModel()).isEqualTo(status.getBestModel());

      String uid = cs.getMetadata().getUid();
      List<HasMetadata> created = CrimeStreamControllerTest.createdObjects(client);
      assertThat(created).hasSize(10).allSatisfy(o -> assertThat(o.getMetadata()
          .getOwnerReferences()).anySatisfy(r -> assertThat(r.getUid()).isEqualTo(uid)));

      // every container authenticated as the KafkaUser...
      List<Path> logs;
      try (Stream<Path> files = Files.walk(nodeDir)) {
        logs = files.filter(p -> p.getFileName().toString().equals("container.log")).toList();
      }
      assertThat(logs).hasSizeGreaterThanOrEqualTo(3)
          .allSatisfy(log -> assertThat(Files.readString(log))
          .contains("SASL_SSL, SCRAM-SHA-512 as " + USER));
      // ...and its password is in no log and no object
      List<String> leaks = new ArrayList<>();
      for (Path log : logs) {
        if (Files.readString(log).contains(PASSWORD)) {
          leaks.add(nodeDir.relativize(log).toString());
        }
      }
      List<HasMetadata> objects = new ArrayList<>(created);
      objects.addAll(client.pods().inNamespace(MockCluster.NAMESPACE).list().getItems());
      objects.addAll(client.resources(CrimeStream.class).inNamespace(MockCluster.NAMESPACE)
          .list().getItems());
      for (HasMetadata o : objects) {
        if (client.getKubernetesSerialization().asJson(o).contains(PASSWORD)) {
          leaks.add(o.getKind() + "/" + o.getMetadata().getName());
        }
      }
      assertThat(leaks).as("where the SCRAM password appears").isEmpty();
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The status and the tail of every container's log, for a failure message. */
  private static String describe(KubernetesClient client, Path nodeDir) {
    StringBuilder s = new StringBuilder();
    client.resources(CrimeStream.class).inNamespace(MockCluster.NAMESPACE).list().getItems()
        .forEach(c -> s.append(client.getKubernetesSerialization().asYaml(c.getStatus())));
    try (Stream<Path> logs = Files.walk(nodeDir)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().equals("container.log"))
          .collect(Collectors.toList())) {
        List<String> lines = Files.readAllLines(log);
        s.append("\n--- ").append(nodeDir.relativize(log)).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      }
    } catch (Exception e) {
      s.append("\n(cannot read the logs: ").append(e).append(')');
    }
    return s.toString();
  }
}
