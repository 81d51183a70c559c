package io.crimestream.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a program reaches Kafka: the bootstrap servers and, optionally, TLS and SCRAM-SHA-512
 * authentication as Strimzi sets them up (the cluster CA certificate from the
 * {@code <cluster>-cluster-ca-cert} Secret; a {@code KafkaUser}'s password or PKCS#12 keystore
 * from its Secret, mounted as files).
 *
 * <p>Credentials are read from files (mounted Secrets), or, for a quick local try, from an
 * environment variable; they never appear in {@link #toString()}. The environment variable names
 * live here so that the controller, which writes them into pods, and the programs, which read
 * them, cannot disagree.
 */
public final class KafkaConnection {

  public static final String ENV_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
  public static final String ENV_SECURITY_PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
  public static final String ENV_SASL_MECHANISM = "KAFKA_SASL_MECHANISM";
  public static final String ENV_SASL_USERNAME = "KAFKA_SASL_USERNAME";
  public static final String ENV_SASL_PASSWORD_FILE = "KAFKA_SASL_PASSWORD_FILE";
  public static final String ENV_SASL_PASSWORD = "KAFKA_SASL_PASSWORD";
  public static final String ENV_TLS_CA_FILE = "KAFKA_TLS_CA_FILE";
  public static final String ENV_TLS_KEYSTORE_FILE = "KAFKA_TLS_KEYSTORE_FILE";
  public static final String ENV_TLS_KEYSTORE_PASSWORD_FILE = "KAFKA_TLS_KEYSTORE_PASSWORD_FILE";

  /** Strimzi's SCRAM mechanism, and the default. */
  public static final String SCRAM_SHA_512 = "SCRAM-SHA-512";
  public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";

  /** The protocols Kafka clients speak, as {@code security.protocol} names them. */
  public enum Protocol { PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL }

  private final String bootstrapServers;
  private final Protocol protocol;
  private final String saslMechanism;
  private final String saslUsername;
  private final String saslPassword;
  private final Path tlsCaFile;
  private final Path tlsKeystoreFile;
  private final String tlsKeystorePassword;

  private KafkaConnection(String bootstrapServers, Protocol protocol, String saslMechanism,
                          String saslUsername, String saslPassword, Path tlsCaFile,
                          Path tlsKeystoreFile, String tlsKeystorePassword) {
    this.bootstrapServers = bootstrapServers;
    this.protocol = protocol;
    this.saslMechanism = saslMechanism;
    this.saslUsername = saslUsername;
    this.saslPassword = saslPassword;
    this.tlsCaFile = tlsCaFile;
    this.tlsKeystoreFile = tlsKeystoreFile;
    this.tlsKeystorePassword = tlsKeystorePassword;
  }

  /** A plaintext connection, as the embedded broker offers. */
  public static KafkaConnection plaintext(String bootstrapServers) {
    return new KafkaConnection(requireServers(bootstrapServers), Protocol.PLAINTEXT, null, null,
        null, null, null, null);
  }

  /**
   * Reads the connection from environment variables; {@code bootstrapServers}, when not null,
   * wins over {@value #ENV_BOOTSTRAP_SERVERS} (a command-line option).
   *
   * @throws IllegalArgumentException naming the variable that is missing or wrong
   */
  public static KafkaConnection fromEnvironment(Map<String, String> env, String bootstrapServers) {
    String servers = bootstrapServers != null ? bootstrapServers : env.get(ENV_BOOTSTRAP_SERVERS);
    if (servers == null || servers.isBlank()) {
      throw new IllegalArgumentException("no Kafka bootstrap servers: pass --bootstrap-servers or set "
          + ENV_BOOTSTRAP_SERVERS);
    }
    Protocol protocol;
    String p = env.getOrDefault(ENV_SECURITY_PROTOCOL, "PLAINTEXT").strip().toUpperCase(Locale.ROOT);
    try {
      protocol = Protocol.valueOf(p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV_SECURITY_PROTOCOL + "=" + p
          + " is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL", e);
    }
    boolean sasl = protocol == Protocol.SASL_SSL || protocol == Protocol.SASL_PLAINTEXT;
    boolean tls = protocol == Protocol.SSL || protocol == Protocol.SASL_SSL;
    String mechanism = null;
    String user = null;
    String password = null;
    if (sasl) {
      mechanism = env.getOrDefault(ENV_SASL_MECHANISM, SCRAM_SHA_512).strip().toUpperCase(Locale.ROOT);
      if (!mechanism.equals(SCRAM_SHA_512) && !mechanism.equals(SCRAM_SHA_256)) {
        throw new IllegalArgumentException(ENV_SASL_MECHANISM + "=" + mechanism
            + " is not supported: use SCRAM-SHA-512 (or SCRAM-SHA-256)");
      }
      user = require(env, ENV_SASL_USERNAME, "the SCRAM user name (the KafkaUser's name)");
      password = secret(env, ENV_SASL_PASSWORD_FILE, ENV_SASL_PASSWORD, "the SCRAM password");
    }
    Path ca = null;
    Path keystore = null;
    String keystorePassword = null;
    if (tls) {
      String caFile = env.get(ENV_TLS_CA_FILE);
      ca = caFile == null || caFile.isBlank() ? null : readableFile(ENV_TLS_CA_FILE, caFile);
      String ks = env.get(ENV_TLS_KEYSTORE_FILE);
      if (ks != null && !ks.isBlank()) {
        keystore = readableFile(ENV_TLS_KEYSTORE_FILE, ks);
        keystorePassword = secret(env, ENV_TLS_KEYSTORE_PASSWORD_FILE, null, "the keystore password");
      }
    }
    return new KafkaConnection(requireServers(servers), protocol, mechanism, user, password, ca,
        keystore, keystorePassword);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Protocol protocol() {
    return protocol;
  }

  /** Kafka client properties (without any prefix); they contain credentials: never log them. */
  public Map<String, String> clientProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("security.protocol", protocol.name());
    if (saslMechanism != null) {
      props.put("sasl.mechanism", saslMechanism);
      props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"" + jaasEscape(saslUsername) + "\" password=\"" + jaasEscape(saslPassword) + "\";");
    }
    if (tlsCaFile != null) {
      props.put("ssl.truststore.type", "PEM");
      props.put("ssl.truststore.location", tlsCaFile.toString());
    }
    if (tlsKeystoreFile != null) {
      props.put("ssl.keystore.type", "PKCS12");
      props.put("ssl.keystore.location", tlsKeystoreFile.toString());
      props.put("ssl.keystore.password", tlsKeystorePassword);
    }
    return props;
  }

  @Override
  public String toString() {
    return bootstrapServers + " (" + protocol
        + (saslMechanism != null ? ", " + saslMechanism + " as " + saslUsername : "")
        + (tlsCaFile != null ? ", CA " + tlsCaFile : "")
        + (tlsKeystoreFile != null ? ", client certificate " + tlsKeystoreFile : "") + ")";
  }

  private static String requireServers(String servers) {
    Objects.requireNonNull(servers, "bootstrapServers");
    for (String hostPort : servers.split(",")) {
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0 || colon == hostPort.length() - 1
          || !hostPort.substring(colon + 1).strip().chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("bootstrap servers '" + servers
            + "': each entry must be host:port, e.g. localhost:9092");
      }
    }
    return servers.strip();
  }

  private static String require(Map<String, String> env, String name, String what) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " is not set: it must hold " + what);
    }
    return v.strip();
  }

  private static String secret(Map<String, String> env, String fileVar, String valueVar, String what) {
    String file = env.get(fileVar);
    if (file != null && !file.isBlank()) {
      String value;
      try {
        value = Files.readString(readableFile(fileVar, file)).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(fileVar + "=" + file + " cannot be read: " + e.getMessage(), e);
      }
      if (value.isEmpty()) {
        // a wrong key of the Secret mounted, or a Secret not filled yet: say so rather than
        // fail authentication with an empty password
        throw new IllegalArgumentException(fileVar + "=" + file + " is empty: it must hold " + what);
      }
      return value;
    }
    if (valueVar != null && env.get(valueVar) != null) {
      return env.get(valueVar);
    }
    throw new IllegalArgumentException(fileVar + " is not set: it must name a file holding " + what
        + " (a mounted Secret)" + (valueVar == null ? "" : ", or set " + valueVar));
  }

  private static Path readableFile(String var, String file) {
    Path p = Path.of(file);
    // a directory is "readable" too: a Secret mounted without its key would pass
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new IllegalArgumentException(var + "=" + file + ": no such readable file");
    }
    return p;
  }

  private static String jaasEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
