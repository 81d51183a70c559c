package io.crimestream.controller.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.KafkaAuthentication;
import io.crimestream.controller.api.KafkaTls;
import io.crimestream.controller.settings.InvalidSpecException;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.kafka.KafkaConnection;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.kafka.tls} and {@code spec.kafka.authentication} as they reach the pods: the
 * protocol and user as variables, the credentials as read-only Secret volumes in the producer
 * Jobs, the driver and the executor template, and the variables naming exactly the mounted files.
 */
class KafkaClientSecurityTest {

  private final CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-05");

  private static KafkaAuthentication scram(String user, String secret) {
    KafkaAuthentication a = new KafkaAuthentication();
    a.setType("scram-sha-512");
    a.setUsername(user);
    a.setPasswordSecret(new KafkaAuthentication.PasswordSecret(secret, null));
    return a;
  }

  private static KafkaAuthentication tlsUser(String secret) {
    KafkaAuthentication a = new KafkaAuthentication();
    a.setType("tls");
    a.setCertificateAndKey(new KafkaAuthentication.CertificateAndKey(secret, null, null));
    return a;
  }

  /** The producer's, the driver's and an executor's pod, as the controller writes them. */
  private Map<String, PodSpec> pods() throws Exception {
    PipelineSettings s = CrimeStreams.settings(cs);
    return Map.of(
        "producer", ProducerJobsDependent.job(cs, s, YearMonth.of(2016, 5)).getSpec().getTemplate().getSpec(),
        "driver", DriverPodDependent.pod(cs, s).getSpec(),
        "executor", ExecutorPodTemplateDependent.template(cs, s).getSpec());
  }

  private static Map<String, String> env(Container c) {
    return c.getEnv().stream().filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void scramOverTlsMountsTheUsersPasswordAndTheClusterCaIntoEveryPod() throws Exception {
    cs.getSpec().getKafka().setTls(new KafkaTls());
    cs.getSpec().getKafka().setAuthentication(scram("crimestream", "crimestream"));

    PipelineSettings s = CrimeStreams.settings(cs);
    assertThat(s.kafka().bootstrapServers()).as("Strimzi's tls listener")
        .isEqualTo("my-cluster-kafka-bootstrap.crimes.svc:9093");

    pods().forEach((which, pod) -> {
      Container c = pod.getContainers().get(0);
      assertThat(pod.getVolumes()).as(which).filteredOn(v -> v.getSecret() != null)
          .extracting(v -> v.getName() + " " + v.getSecret().getSecretName() + " "
              + v.getSecret().getItems().stream().map(i -> i.getKey() + ">" + i.getPath()).toList()
              + " " + Integer.toOctalString(v.getSecret().getDefaultMode()))
          .containsExactlyInAnyOrder(
              "kafka-ca my-cluster-cluster-ca-cert [ca.crt>ca.crt] 440",
              "kafka-scram crimestream [password>password] 440");
      assertThat(c.getVolumeMounts()).as(which).filteredOn(m -> m.getName().startsWith("kafka-"))
          .extracting(m -> m.getMountPath() + " " + m.getReadOnly())
          .containsExactlyInAnyOrder("/etc/crimestream/kafka/kafka-ca true",
              "/etc/crimestream/kafka/kafka-scram true");
      assertNoCredentialInTheSpec(c);
    });
    for (String which : List.of("producer", "driver")) {
      Container c = pods().get(which).getContainers().get(0);
      assertThat(env(c)).as(which)
          .containsEntry(KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_SSL")
          .containsEntry(KafkaConnection.ENV_SASL_MECHANISM, "SCRAM-SHA-512")
          .containsEntry(KafkaConnection.ENV_SASL_USERNAME, "crimestream")
          .containsEntry(KafkaConnection.ENV_SASL_PASSWORD_FILE,
              "/etc/crimestream/kafka/kafka-scram/password")
          .containsEntry(KafkaConnection.ENV_TLS_CA_FILE, "/etc/crimestream/kafka/kafka-ca/ca.crt")
          .containsEntry(KafkaConnection.ENV_BOOTSTRAP_SERVERS,
              "my-cluster-kafka-bootstrap.crimes.svc:9093")
          .doesNotContainKey(KafkaConnection.ENV_SASL_PASSWORD);
      assertEveryFileVariableNamesAMountedKey(pods().get(which), c);
    }
  }

  @Test
  void mutualTlsMountsTheUsersKeystoreAndTrustsTheNamedCertificate() throws Exception {
    KafkaTls tls = new KafkaTls();
    tls.setTrustedCertificates(List.of(new KafkaTls.CertSecretSource("corporate-ca", "tls.crt")));
    cs.getSpec().getKafka().setTls(tls);
    cs.getSpec().getKafka().setAuthentication(tlsUser("crimestream"));

    pods().forEach((which, pod) -> {
      Container c = pod.getContainers().get(0);
      assertThat(pod.getVolumes()).as(which).filteredOn(v -> v.getSecret() != null)
          .extracting(v -> v.getName() + " " + v.getSecret().getSecretName() + " "
              + v.getSecret().getItems().stream().map(i -> i.getKey()).toList())
          .containsExactlyInAnyOrder("kafka-ca corporate-ca [tls.crt]",
              "kafka-user crimestream [user.p12, user.password]");
      assertNoCredentialInTheSpec(c);
    });
    Container producer = pods().get("producer").getContainers().get(0);
    assertThat(env(producer)).containsEntry(KafkaConnection.ENV_SECURITY_PROTOCOL, "SSL")
        .containsEntry(KafkaConnection.ENV_TLS_CA_FILE, "/etc/crimestream/kafka/kafka-ca/tls.crt")
        .containsEntry(KafkaConnection.ENV_TLS_KEYSTORE_FILE,
            "/etc/crimestream/kafka/kafka-user/user.p12")
        .containsEntry(KafkaConnection.ENV_TLS_KEYSTORE_PASSWORD_FILE,
            "/etc/crimestream/kafka/kafka-user/user.password")
        .doesNotContainKeys(KafkaConnection.ENV_SASL_USERNAME, KafkaConnection.ENV_SASL_MECHANISM);
    assertEveryFileVariableNamesAMountedKey(pods().get("producer"), producer);
  }

  @Test
  void scramWithoutTlsAndTlsWithPublicAuthorities() throws Exception {
    cs.getSpec().getKafka().setAuthentication(scram("crimestream", "crimestream-secret"));
    Map<String, String> scramOnly = env(pods().get("driver").getContainers().get(0));
    assertThat(scramOnly).containsEntry(KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_PLAINTEXT")
        .doesNotContainKey(KafkaConnection.ENV_TLS_CA_FILE);
    assertThat(CrimeStreams.settings(cs).kafka().bootstrapServers())
        .isEqualTo("my-cluster-kafka-bootstrap.crimes.svc:9092");

    KafkaTls publicCas = new KafkaTls();
    publicCas.setTrustedCertificates(List.of());
    cs.getSpec().getKafka().setTls(publicCas);
    cs.getSpec().getKafka().setAuthentication(null);
    Map<String, String> tlsOnly = env(pods().get("driver").getContainers().get(0));
    assertThat(tlsOnly).containsEntry(KafkaConnection.ENV_SECURITY_PROTOCOL, "SSL")
        .doesNotContainKeys(KafkaConnection.ENV_TLS_CA_FILE, KafkaConnection.ENV_SASL_USERNAME);
    assertThat(pods().get("driver").getVolumes()).noneMatch(v -> v.getSecret() != null);
  }

  @Test
  void plaintextAddsNoVariablesAndNoVolumes() throws Exception {
    pods().forEach((which, pod) -> {
      assertThat(pod.getVolumes()).as(which).noneMatch(v -> v.getSecret() != null);
      assertThat(pod.getContainers().get(0).getEnv()).as(which).extracting(EnvVar::getName)
          .noneMatch(n -> n.startsWith("KAFKA_") && !n.equals(KafkaConnection.ENV_BOOTSTRAP_SERVERS));
    });
  }

  @Test
  void addingCredentialsReplacesTheDriver() throws Exception {
    String before = DriverPodDependent.pod(cs, CrimeStreams.settings(cs)).getMetadata()
        .getAnnotations().get(DriverPodDependent.SPEC_HASH_ANNOTATION);
    cs.getSpec().getKafka().setAuthentication(scram("crimestream", "crimestream"));
    String after = DriverPodDependent.pod(cs, CrimeStreams.settings(cs)).getMetadata()
        .getAnnotations().get(DriverPodDependent.SPEC_HASH_ANNOTATION);

    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void incompleteOrContradictorySettingsNameTheField() {
    cs.getSpec().getKafka().setAuthentication(tlsUser("crimestream"));
    assertProblem("spec.kafka.authentication.type tls needs spec.kafka.tls");

    KafkaAuthentication noUser = scram(null, "crimestream");
    noUser.setPasswordSecret(null);
    cs.getSpec().getKafka().setAuthentication(noUser);
    assertProblem("spec.kafka.authentication.username is missing");
    assertProblem("spec.kafka.authentication.passwordSecret is missing");

    KafkaAuthentication both = scram("crimestream", "crimestream");
    both.setCertificateAndKey(new KafkaAuthentication.CertificateAndKey("crimestream", null, null));
    cs.getSpec().getKafka().setAuthentication(both);
    assertProblem("spec.kafka.authentication.certificateAndKey applies only to type tls");

    KafkaAuthentication plain = new KafkaAuthentication();
    plain.setType("plain");
    cs.getSpec().getKafka().setAuthentication(plain);
    assertProblem("spec.kafka.authentication.type 'plain' is not supported");

    cs.getSpec().getKafka().setAuthentication(scram("crimestream", "Not_A_Name"));
    assertProblem("spec.kafka.authentication.passwordSecret.secretName 'Not_A_Name' is not a"
        + " Kubernetes name");

    KafkaTls twoCas = new KafkaTls();
    twoCas.setTrustedCertificates(List.of(new KafkaTls.CertSecretSource("a", null),
        new KafkaTls.CertSecretSource("b", null)));
    cs.getSpec().getKafka().setAuthentication(null);
    cs.getSpec().getKafka().setTls(twoCas);
    assertProblem("spec.kafka.tls.trustedCertificates lists 2 certificates");
  }

  private void assertProblem(String start) {
    assertThatThrownBy(() -> CrimeStreams.settings(cs))
        .isInstanceOfSatisfying(InvalidSpecException.class, e ->
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(start)));
  }

  /** Credentials only as files: no variable takes a Secret's value, none holds a password. */
  private static void assertNoCredentialInTheSpec(Container c) {
    assertThat(c.getEnv()).allSatisfy(e -> {
      assertThat(e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null)
          .as("%s takes a Secret's value", e.getName()).isTrue();
      assertThat(e.getName()).isNotIn(KafkaConnection.ENV_SASL_PASSWORD);
    });
    assertThat(c.getEnvFrom()).isEmpty();
  }

  /** Each KAFKA_*_FILE variable is the path of a key of a Secret mounted in that container. */
  private static void assertEveryFileVariableNamesAMountedKey(PodSpec pod, Container c) {
    List<String> files = c.getEnv().stream()
        .filter(e -> e.getName().startsWith("KAFKA_") && e.getName().endsWith("_FILE"))
        .map(EnvVar::getValue).toList();
    assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(c.getVolumeMounts())
        .anySatisfy(m -> {
          assertThat(file).startsWith(m.getMountPath() + "/");
          Volume v = volume(pod, m);
          assertThat(v.getSecret().getItems()).anySatisfy(i -> assertThat(i.getPath())
              .isEqualTo(file.substring(m.getMountPath().length() + 1)));
        }));
  }

  private static Volume volume(PodSpec pod, VolumeMount m) {
    return pod.getVolumes().stream().filter(v -> v.getName().equals(m.getName())).findFirst()
        .orElseThrow();
  }
}
