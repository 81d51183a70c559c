package io.crimestream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.kafka.embedded.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client properties {@link KafkaConnection} makes of a pod's environment, against a real
 * broker secured as Strimzi secures one: SCRAM-SHA-512 with and without TLS, and mutual TLS with
 * a KafkaUser's PKCS#12 keystore. The credentials come from files, as mounted Secrets give them.
 * Wrong credentials are refused, so the listeners do check.
 */
class KafkaConnectionBrokerTest {

  private static final String USER = "crimestream";
  private static final String PASSWORD = "scram-pw-4f9e1c";

  @TempDir
  static Path dir;
  private static TestTls tls;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    tls = TestTls.generate(dir.resolve("tls"));
    kafka = EmbeddedKafka.start(new EmbeddedKafka.Security(USER, PASSWORD, tls));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Map<String, String> scramEnv(String protocol, String password) throws Exception {
    Path passwordFile = Files.writeString(Files.createTempFile(dir, "password", ""), password);
    Map<String, String> env = new HashMap<>(Map.of(
        KafkaConnection.ENV_BOOTSTRAP_SERVERS, kafka.bootstrapServers(protocol),
        KafkaConnection.ENV_SECURITY_PROTOCOL, protocol,
        KafkaConnection.ENV_SASL_MECHANISM, "SCRAM-SHA-512",
        KafkaConnection.ENV_SASL_USERNAME, USER,
        KafkaConnection.ENV_SASL_PASSWORD_FILE, passwordFile.toString()));
    if (protocol.equals("SASL_SSL")) {
      env.put(KafkaConnection.ENV_TLS_CA_FILE, tls.caCertificate().toString());
    }
    return env;
  }

  /** The cluster id, through an admin client on the connection's properties. */
  private static String clusterId(KafkaConnection connection) throws Exception {
    Map<String, Object> props = new HashMap<>(connection.clientProperties());
    props.put("default.api.timeout.ms", 15_000);
    props.put("request.timeout.ms", 10_000);
    try (Admin admin = Admin.create(props)) {
      return admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void scramSha512OverTlsWithTheClusterCa() throws Exception {
    KafkaConnection c = KafkaConnection.fromEnvironment(scramEnv("SASL_SSL", PASSWORD), null);

    assertThat(clusterId(c)).isNotBlank();
  }

  @Test
  void scramSha512WithoutTls() throws Exception {
    KafkaConnection c = KafkaConnection.fromEnvironment(scramEnv("SASL_PLAINTEXT", PASSWORD), null);

    assertThat(clusterId(c)).isNotBlank();
  }

  @Test
  void mutualTlsWithTheKafkaUsersKeystore() throws Exception {
    KafkaConnection c = KafkaConnection.fromEnvironment(Map.of(
        KafkaConnection.ENV_BOOTSTRAP_SERVERS, kafka.bootstrapServers("SSL"),
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SSL",
        KafkaConnection.ENV_TLS_CA_FILE, tls.caCertificate().toString(),
        KafkaConnection.ENV_TLS_KEYSTORE_FILE, tls.userKeystore().toString(),
        KafkaConnection.ENV_TLS_KEYSTORE_PASSWORD_FILE, tls.userPasswordFile().toString()), null);

    assertThat(clusterId(c)).isNotBlank();
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    KafkaConnection c = KafkaConnection.fromEnvironment(scramEnv("SASL_SSL", "not-the-password"),
        null);

    assertThatThrownBy(() -> clusterId(c)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void noClientCertificateIsRefusedOnTheMutualTlsListener() {
    KafkaConnection c = KafkaConnection.fromEnvironment(Map.of(
        KafkaConnection.ENV_BOOTSTRAP_SERVERS, kafka.bootstrapServers("SSL"),
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SSL",
        KafkaConnection.ENV_TLS_CA_FILE, tls.caCertificate().toString()), null);

    assertThatThrownBy(() -> clusterId(c)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SslAuthenticationException.class);
  }

  @Test
  void aBrokerCertificateOutsideTheTrustedCaIsRefused() throws Exception {
    // another cluster's CA: the client must not talk to this broker
    Path otherCa = TestTls.generate(dir.resolve("other")).caCertificate();
    Map<String, String> env = new HashMap<>(scramEnv("SASL_SSL", PASSWORD));
    env.put(KafkaConnection.ENV_TLS_CA_FILE, otherCa.toString());
    KafkaConnection c = KafkaConnection.fromEnvironment(env, null);

    assertThatThrownBy(() -> clusterId(c)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SslAuthenticationException.class);
  }
}
