package io.crimestream.kafka.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away TLS material for a secured {@link EmbeddedKafka}, laid out as Strimzi's Secrets
 * lay it out: the broker's certificate as {@code ca.crt} (what the {@code <cluster>-cluster-ca-cert}
 * Secret gives clients to trust), and a client's PKCS#12 keystore {@code user.p12} with its
 * password in {@code user.password} (what a {@code KafkaUser} with {@code tls} authentication
 * gets). Made with the JDK's {@code keytool}; the certificates are self-signed, valid two days,
 * for {@code 127.0.0.1} and {@code localhost}.
 */
public final class TestTls {

  private final Path dir;
  private final String brokerPassword;

  private TestTls(Path dir, String brokerPassword) {
    this.dir = dir;
    this.brokerPassword = brokerPassword;
  }

  /** Generates the broker's and one client's keys and certificates in {@code dir}. */
  public static TestTls generate(Path dir) throws IOException {
    Files.createDirectories(dir);
    TestTls tls = new TestTls(dir, UUID.randomUUID().toString());
    String userPassword = UUID.randomUUID().toString().replace("-", "");
    keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", tls.brokerKeystore().toString(),
        "-storepass", tls.brokerPassword);
    keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore",
        tls.brokerKeystore().toString(), "-storepass", tls.brokerPassword,
        "-file", tls.caCertificate().toString());
    keytool("-genkeypair", "-alias", "user", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=crimestream", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", tls.userKeystore().toString(), "-storepass", userPassword);
    keytool("-exportcert", "-rfc", "-alias", "user", "-keystore", tls.userKeystore().toString(),
        "-storepass", userPassword, "-file", tls.userCertificate().toString());
    Files.writeString(tls.userPasswordFile(), userPassword);
    return tls;
  }

  /** The broker's PKCS#12 keystore. */
  public Path brokerKeystore() {
    return dir.resolve("broker.p12");
  }

  public String brokerKeystorePassword() {
    return brokerPassword;
  }

  /** What clients trust: the broker's certificate, PEM ({@code ca.crt} in Strimzi's Secret). */
  public Path caCertificate() {
    return dir.resolve("ca.crt");
  }

  /** The client's PKCS#12 keystore ({@code user.p12} in a KafkaUser's Secret). */
  public Path userKeystore() {
    return dir.resolve("user.p12");
  }

  /** The file holding the client keystore's password ({@code user.password}). */
  public Path userPasswordFile() {
    return dir.resolve("user.password");
  }

  /** The client's certificate, PEM: what the broker trusts on its mutual-TLS listener. */
  public Path userCertificate() {
    return dir.resolve("user.crt");
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.add("-noprompt");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while running keytool", e);
    }
  }
}
