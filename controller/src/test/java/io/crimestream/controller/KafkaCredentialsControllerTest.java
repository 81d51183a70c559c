package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.KafkaAuthentication;
import io.crimestream.controller.api.KafkaTls;
import io.crimestream.controller.api.Phase;
import io.crimestream.controller.status.Conditions;
import io.crimestream.controller.testing.Await;
import io.crimestream.controller.testing.ChildJvmRunner;
import io.crimestream.controller.testing.ContainerLaunch;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.MockCluster;
import io.crimestream.controller.testing.ScriptedRunner;
import io.crimestream.controller.testing.StandInKubelet;
import io.crimestream.kafka.KafkaConnection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CrimeStream that authenticates with SCRAM-SHA-512 over TLS, on the mock API server with the
 * stand-in kubelet mounting the Secrets: every container the controller starts gets a Kafka
 * connection with the KafkaUser's password and the cluster CA, read from the mounted files; the
 * password is never in a pod's spec, a ConfigMap or the CrimeStream; and the controller asks
 * for no right on Secrets (it names them, the kubelet reads them).
 */
class KafkaCredentialsControllerTest {

  private static final String PASSWORD = "Kafka-User-Pw-3b7f";
  private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB...test...\n"
      + "-----END CERTIFICATE-----\n";
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir
  Path nodeDir;

  @Test
  void everyContainerConnectsWithTheMountedCredentialsAndThePasswordIsInNoObject()
      throws Exception {
    StandInKubelet.entryPoint(MockCluster.PRODUCER_IMAGE,
        List.of(ChildJvmRunner.PRODUCER_ENTRY_POINT));
    ScriptedRunner runner = ScriptedRunner.producersSucceed();
    try (MockCluster cluster = MockCluster.withStrimzi();
         StandInKubelet kubelet = new StandInKubelet(cluster.client(), MockCluster.NAMESPACE,
             runner, topic -> { }, cluster.url(), nodeDir)) {
      KubernetesClient client = cluster.client();
      // what Strimzi's User and Cluster operators publish
      client.resource(new SecretBuilder().withNewMetadata().withName("crimestream")
          .withNamespace(MockCluster.NAMESPACE).endMetadata()
          .addToStringData("password", PASSWORD)
          .addToStringData("sasl.jaas.config", "org.apache.kafka.common.security.scram"
              + ".ScramLoginModule required username=\"crimestream\" password=\"" + PASSWORD
              + "\";").build()).create();
      client.resource(new SecretBuilder().withNewMetadata().withName("my-cluster-cluster-ca-cert")
          .withNamespace(MockCluster.NAMESPACE).endMetadata()
          .addToStringData("ca.crt", CA).build()).create();
      cluster.startController();

      CrimeStream cs = CrimeStreams.replay("secure", "/data/chicago/crimes.csv", "2016-04",
          "2016-05");
      cs.getSpec().getKafka().setTls(new KafkaTls());
      KafkaAuthentication scram = new KafkaAuthentication();
      scram.setType("scram-sha-512");
      scram.setUsername("crimestream");
      scram.setPasswordSecret(new KafkaAuthentication.PasswordSecret("crimestream", "password"));
      cs.getSpec().getKafka().setAuthentication(scram);
      client.resource(cs).create();

      CrimeStreamControllerTest.awaitStatus(client, "phase Streaming, the driver running",
          s -> s.getPhase() == Phase.Streaming && Conditions.isTrue(s,
              ConditionTypes.DRIVER_RUNNING));
      List<ContainerLaunch> launches = Await.until("both producers and the driver started",
          DEADLINE, () -> runner.launches().size() >= 3 ? runner.launches() : null,
          () -> runner.launches().toString());

      for (ContainerLaunch launch : launches) {
        String which = launch.pod().getMetadata().getName();
        // the program's own reading of its environment: SCRAM over TLS with the mounted files
        KafkaConnection connection = KafkaConnection.fromEnvironment(launch.env(), null);
        Map<String, String> props = connection.clientProperties();
        assertThat(props).as(which).containsEntry("security.protocol", "SASL_SSL")
            .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
            .containsEntry("bootstrap.servers", "my-cluster-kafka-bootstrap.crimes.svc:9093");
        assertThat(props.get("sasl.jaas.config")).as(which)
            .contains("username=\"crimestream\" password=\"" + PASSWORD + "\"");
        assertThat(Files.readString(Path.of(props.get("ssl.truststore.location")))).isEqualTo(CA);
        // and the password only ever in a file, never in a variable or an argument
        assertThat(launch.env().values()).as(which).noneMatch(v -> v.contains(PASSWORD));
        assertThat(launch.command()).as(which).noneMatch(a -> a.contains(PASSWORD));
      }
      assertThat(launches).anyMatch(ScriptedRunner::isDriver)
          .anyMatch(ScriptedRunner::isProducer);

      // no object the controller wrote or updated holds the password
      List<String> leaks = new ArrayList<>();
      List<HasMetadata> objects = new ArrayList<>(CrimeStreamControllerTest.createdObjects(client));
      objects.addAll(client.pods().inNamespace(MockCluster.NAMESPACE).list().getItems());
      objects.addAll(client.resources(CrimeStream.class).inNamespace(MockCluster.NAMESPACE).list()
          .getItems());
      for (HasMetadata o : objects) {
        if (client.getKubernetesSerialization().asJson(o).contains(PASSWORD)) {
          leaks.add(o.getKind() + "/" + o.getMetadata().getName());
        }
      }
      assertThat(leaks).isEmpty();
      // the executor template names the Secrets, so executors mount them too
      io.fabric8.kubernetes.api.model.Pod template = client.getKubernetesSerialization()
          .unmarshal(client.configMaps().inNamespace(MockCluster.NAMESPACE)
              .withName("secure-executor-template").get().getData().values().iterator().next(),
              io.fabric8.kubernetes.api.model.Pod.class);
      assertThat(template.getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
          .extracting(v -> v.getSecret().getSecretName())
          .containsExactlyInAnyOrder("crimestream", "my-cluster-cluster-ca-cert");
    }
    // the controller reads no Secret: the kubelet does
    assertThat(ControllerRbac.rules()).noneMatch(r -> r.resources().contains("secrets"));
  }
}
