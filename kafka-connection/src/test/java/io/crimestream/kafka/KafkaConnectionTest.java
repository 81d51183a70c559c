package io.crimestream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment a pod gets (as the controller writes it, with Strimzi's Secrets mounted as
 * files) and the Kafka client properties the programs make of it.
 */
class KafkaConnectionTest {

  private static final String PASSWORD = "s3cr3t-\"quoted\"-\\-pw";
  private static final String KEYSTORE_PASSWORD = "keystore-pw-8xq";

  @TempDir
  Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private Map<String, String> env(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    env.put(KafkaConnection.ENV_BOOTSTRAP_SERVERS, "my-cluster-kafka-bootstrap:9093");
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  @Test
  void plaintextByDefaultWithNoSecurityProperties() {
    KafkaConnection c = KafkaConnection.fromEnvironment(env(), null);

    assertThat(c.protocol()).isEqualTo(KafkaConnection.Protocol.PLAINTEXT);
    assertThat(c.clientProperties()).containsExactly(
        Map.entry("bootstrap.servers", "my-cluster-kafka-bootstrap:9093"),
        Map.entry("security.protocol", "PLAINTEXT"));
  }

  @Test
  void theCommandLineServersWinOverTheEnvironment() {
    assertThat(KafkaConnection.fromEnvironment(env(), "localhost:9092").bootstrapServers())
        .isEqualTo("localhost:9092");
  }

  @Test
  void scramOverTlsReadsThePasswordAndTheClusterCaFromMountedFiles() throws IOException {
    Path password = file("password", PASSWORD + "\n"); // a Secret's value may end in a newline
    Path ca = file("ca.crt", "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n");

    KafkaConnection c = KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "sasl_ssl",
        KafkaConnection.ENV_SASL_USERNAME, "crimestream",
        KafkaConnection.ENV_SASL_PASSWORD_FILE, password.toString(),
        KafkaConnection.ENV_TLS_CA_FILE, ca.toString()), null);

    assertThat(c.protocol()).isEqualTo(KafkaConnection.Protocol.SASL_SSL);
    Map<String, String> props = c.clientProperties();
    assertThat(props).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", ca.toString())
        .doesNotContainKeys("ssl.keystore.location", "ssl.keystore.password");
    // the JAAS line quotes the password with its quotes and backslashes escaped
    assertThat(props.get("sasl.jaas.config")).isEqualTo(
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"crimestream\" password=\"s3cr3t-\\\"quoted\\\"-\\\\-pw\";");
    assertThat(c.toString()).doesNotContain(PASSWORD).doesNotContain("s3cr3t")
        .contains("SASL_SSL").contains("SCRAM-SHA-512 as crimestream");
  }

  @Test
  void scramWithoutTlsAndTheSha256MechanismAreAccepted() {
    KafkaConnection c = KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_PLAINTEXT",
        KafkaConnection.ENV_SASL_MECHANISM, "scram-sha-256",
        KafkaConnection.ENV_SASL_USERNAME, "crimestream",
        KafkaConnection.ENV_SASL_PASSWORD, PASSWORD), null);

    assertThat(c.clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
        .doesNotContainKey("ssl.truststore.location");
    assertThat(c.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void theFileWinsOverAPasswordInTheEnvironment() throws IOException {
    Path password = file("password", "from-the-file");

    KafkaConnection c = KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_SSL",
        KafkaConnection.ENV_SASL_USERNAME, "crimestream",
        KafkaConnection.ENV_SASL_PASSWORD_FILE, password.toString(),
        KafkaConnection.ENV_SASL_PASSWORD, "from-the-env"), null);

    assertThat(c.clientProperties().get("sasl.jaas.config")).contains("password=\"from-the-file\"");
  }

  @Test
  void mutualTlsUsesTheKafkaUsersPkcs12KeystoreAndItsPassword() throws IOException {
    Path keystore = file("user.p12", "not really PKCS#12, the client reads it later");
    Path keystorePassword = file("user.password", KEYSTORE_PASSWORD);
    Path ca = file("ca.crt", "PEM");

    KafkaConnection c = KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SSL",
        KafkaConnection.ENV_TLS_CA_FILE, ca.toString(),
        KafkaConnection.ENV_TLS_KEYSTORE_FILE, keystore.toString(),
        KafkaConnection.ENV_TLS_KEYSTORE_PASSWORD_FILE, keystorePassword.toString()), null);

    assertThat(c.clientProperties()).containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.location", ca.toString())
        .containsEntry("ssl.keystore.type", "PKCS12")
        .containsEntry("ssl.keystore.location", keystore.toString())
        .containsEntry("ssl.keystore.password", KEYSTORE_PASSWORD)
        .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config");
    assertThat(c.toString()).doesNotContain(KEYSTORE_PASSWORD).contains("client certificate");
  }

  @Test
  void tlsWithoutACaFileTrustsTheJvmsDefaultAuthorities() {
    KafkaConnection c = KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SSL"), null);

    assertThat(c.clientProperties()).containsEntry("security.protocol", "SSL")
        .doesNotContainKeys("ssl.truststore.location", "ssl.keystore.location");
  }

  @Test
  void anUnknownProtocolOrMechanismNamesTheVariable() {
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "TLS"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("KAFKA_SECURITY_PROTOCOL=TLS is not one of");
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_SSL",
        KafkaConnection.ENV_SASL_MECHANISM, "PLAIN",
        KafkaConnection.ENV_SASL_USERNAME, "u",
        KafkaConnection.ENV_SASL_PASSWORD, "p"), null))
        .hasMessageStartingWith("KAFKA_SASL_MECHANISM=PLAIN is not supported");
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_SSL",
        KafkaConnection.ENV_SASL_MECHANISM, "SCRAM-SHA-1",
        KafkaConnection.ENV_SASL_USERNAME, "u",
        KafkaConnection.ENV_SASL_PASSWORD, "p"), null))
        .hasMessageStartingWith("KAFKA_SASL_MECHANISM=SCRAM-SHA-1 is not supported");
  }

  @Test
  void missingScramSettingsNameTheirVariables() {
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_SSL",
        KafkaConnection.ENV_SASL_PASSWORD, "p"), null))
        .hasMessage("KAFKA_SASL_USERNAME is not set: it must hold the SCRAM user name (the"
            + " KafkaUser's name)");
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_SSL",
        KafkaConnection.ENV_SASL_USERNAME, "u"), null))
        .hasMessage("KAFKA_SASL_PASSWORD_FILE is not set: it must name a file holding the SCRAM"
            + " password (a mounted Secret), or set KAFKA_SASL_PASSWORD");
  }

  @Test
  void aMissingEmptyOrDirectorySecretFileNamesItsVariable() throws IOException {
    Path missing = dir.resolve("no-such-file");
    Path empty = file("empty", "\n");
    // a Secret volume mounted without the key: the path is a folder
    Path folder = Files.createDirectory(dir.resolve("secret-volume"));

    assertThatThrownBy(() -> scram(missing)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("KAFKA_SASL_PASSWORD_FILE=" + missing + ": no such readable file");
    assertThatThrownBy(() -> scram(folder))
        .hasMessage("KAFKA_SASL_PASSWORD_FILE=" + folder + ": no such readable file");
    assertThatThrownBy(() -> scram(empty))
        .hasMessage("KAFKA_SASL_PASSWORD_FILE=" + empty + " is empty: it must hold the SCRAM"
            + " password");
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SSL",
        KafkaConnection.ENV_TLS_CA_FILE, missing.toString()), null))
        .hasMessage("KAFKA_TLS_CA_FILE=" + missing + ": no such readable file");
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SSL",
        KafkaConnection.ENV_TLS_KEYSTORE_FILE, file("user.p12", "x").toString()), null))
        .hasMessageStartingWith("KAFKA_TLS_KEYSTORE_PASSWORD_FILE is not set");
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SSL",
        KafkaConnection.ENV_TLS_KEYSTORE_FILE, missing.toString()), null))
        .hasMessage("KAFKA_TLS_KEYSTORE_FILE=" + missing + ": no such readable file");
  }

  @Test
  void errorsNeverQuoteTheSecret() throws IOException {
    // a password given where a file name belongs ends up in no message
    Map<String, String> env = env(KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_SSL",
        KafkaConnection.ENV_SASL_USERNAME, "u",
        KafkaConnection.ENV_SASL_PASSWORD, PASSWORD,
        KafkaConnection.ENV_TLS_CA_FILE, dir.resolve("missing-ca").toString());

    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env, null))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
  }

  @Test
  void malformedBootstrapServersAreRefused() {
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env(), "my-cluster-kafka-bootstrap"))
        .hasMessageContaining("each entry must be host:port");
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(Map.of(), null))
        .hasMessageContaining(KafkaConnection.ENV_BOOTSTRAP_SERVERS);
  }

  private KafkaConnection scram(Path passwordFile) {
    return KafkaConnection.fromEnvironment(env(
        KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_SSL",
        KafkaConnection.ENV_SASL_USERNAME, "crimestream",
        KafkaConnection.ENV_SASL_PASSWORD_FILE, passwordFile.toString()), null);
  }
}
