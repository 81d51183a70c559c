package io.crimestream.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One Kafka node in KRaft mode (broker and controller in the same process, as
 * {@code process.roles=broker,controller}), listening on loopback ports chosen free at start.
 *
 * <p>It can be {@link #restart() restarted} on the same ports and log directory, which is how the
 * tests play a broker that goes away in the middle of a stream.
 *
 * <p>{@link #start(Security)} adds the listeners a Strimzi cluster secures clients with, beside
 * the plaintext one (which the broker itself and the tests' admin clients keep using):
 * {@code SASL_PLAINTEXT} and, with TLS material, {@code SASL_SSL} (SCRAM-SHA-512, one user whose
 * credentials are written at format time, as {@code kafka-storage format --add-scram} does), and
 * {@code SSL} with client certificates required (a {@code KafkaUser} with {@code tls}
 * authentication). No authorizer runs: an authenticated client may do anything.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final Path logDir;
  private final boolean ownsLogDir;
  private final int brokerPort;
  private final int controllerPort;
  private final String clusterId = Uuid.randomUuid().toString();
  private final Security security;
  private final int saslPlaintextPort;
  private final int saslSslPort;
  private final int sslPort;
  private KafkaRaftServer server;

  /**
   * What the secured listeners need.
   *
   * @param scramUser     the SCRAM-SHA-512 user, or null for no SASL listeners
   * @param scramPassword its password
   * @param tls           the broker's and the client's keys, or null for no TLS listeners
   */
  public record Security(String scramUser, String scramPassword, TestTls tls) {
    public Security {
      if ((scramUser == null) != (scramPassword == null)) {
        throw new IllegalArgumentException("a SCRAM user needs a name and a password");
      }
      if (scramPassword != null && !scramPassword.matches("[A-Za-z0-9._-]+")) {
        // kafka-storage's --add-scram syntax has no escaping
        throw new IllegalArgumentException("use a SCRAM password of letters, digits, '.', '_', '-'");
      }
    }

    static final Security NONE = new Security(null, null, null);
  }

  private EmbeddedKafka(Path logDir, boolean ownsLogDir, Security security) throws IOException {
    this.logDir = logDir;
    this.ownsLogDir = ownsLogDir;
    this.security = security;
    this.brokerPort = freePort();
    this.controllerPort = freePort();
    boolean scram = security.scramUser() != null;
    boolean tls = security.tls() != null;
    this.saslPlaintextPort = scram ? freePort() : -1;
    this.saslSslPort = scram && tls ? freePort() : -1;
    this.sslPort = tls ? freePort() : -1;
  }

  /** Starts a node whose data lives in a temporary directory removed by {@link #close()}. */
  public static EmbeddedKafka start() throws IOException {
    return start(Security.NONE);
  }

  /** Starts a node with secured listeners besides the plaintext one (see the class comment). */
  public static EmbeddedKafka start(Security security) throws IOException {
    EmbeddedKafka kafka = new EmbeddedKafka(Files.createTempDirectory("crimestream-kafka-"), true,
        security);
    kafka.format();
    kafka.startServer();
    return kafka;
  }

  /** {@code host:port} of the broker's plaintext listener. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /**
   * {@code host:port} of the listener for {@code securityProtocol} ({@code PLAINTEXT},
   * {@code SASL_PLAINTEXT}, {@code SASL_SSL} or {@code SSL}).
   *
   * @throws IllegalStateException if this node was started without that listener
   */
  public String bootstrapServers(String securityProtocol) {
    int port = switch (securityProtocol) {
      case "PLAINTEXT" -> brokerPort;
      case "SASL_PLAINTEXT" -> saslPlaintextPort;
      case "SASL_SSL" -> saslSslPort;
      case "SSL" -> sslPort;
      default -> throw new IllegalArgumentException("no such security protocol: " + securityProtocol);
    };
    if (port < 0) {
      throw new IllegalStateException("this node has no " + securityProtocol + " listener");
    }
    return "127.0.0.1:" + port;
  }

  /** Creates a topic with one partition and one replica (idempotent). */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }

  /** An admin client on this node; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis()));
  }

  /** Stops the node, keeping its data, so that {@link #restart()} brings back the same topics. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts the node again on the same ports and data. */
  public synchronized void restart() {
    stop();
    startServer();
  }

  @Override
  public void close() {
    stop();
    if (ownsLogDir) {
      try (Stream<Path> files = Files.walk(logDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + logDir, e);
      }
    }
  }

  private KafkaConfig config() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    StringBuilder listeners = new StringBuilder("PLAINTEXT://127.0.0.1:" + brokerPort);
    StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    for (String secured : List.of("SASL_PLAINTEXT", "SASL_SSL", "SSL")) {
      int port = secured.equals("SASL_PLAINTEXT") ? saslPlaintextPort
          : secured.equals("SASL_SSL") ? saslSslPort : sslPort;
      if (port > 0) {
        listeners.append(',').append(secured).append("://127.0.0.1:").append(port);
        protocols.append(',').append(secured).append(':').append(secured);
      }
    }
    p.put("listeners", listeners + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", listeners.toString());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", protocols.toString());
    secure(p);
    p.put("log.dirs", logDir.toString());
    // a single node: every internal topic has one replica
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // topics are created on purpose, with the partition count the pipeline relies on
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    p.put("controlled.shutdown.enable", "true");
    return new KafkaConfig(p, false);
  }

  /** The secured listeners' settings: SCRAM-SHA-512 on the SASL ones, client certificates on SSL. */
  private void secure(Properties p) {
    String scramLogin = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
    if (saslPlaintextPort > 0) {
      p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
      p.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "SCRAM-SHA-512");
      p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", scramLogin);
    }
    if (saslSslPort > 0) {
      p.put("listener.name.sasl_ssl.sasl.enabled.mechanisms", "SCRAM-SHA-512");
      p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", scramLogin);
    }
    TestTls tls = security.tls();
    if (tls != null) {
      p.put("ssl.keystore.type", "PKCS12");
      p.put("ssl.keystore.location", tls.brokerKeystore().toString());
      p.put("ssl.keystore.password", tls.brokerKeystorePassword());
      p.put("listener.name.ssl.ssl.client.auth", "required");
      p.put("listener.name.ssl.ssl.truststore.type", "PEM");
      p.put("listener.name.ssl.ssl.truststore.location", tls.userCertificate().toString());
    }
  }

  private void format() {
    KafkaConfig config = config();
    Formatter formatter = new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setClusterId(clusterId)
        .setNodeId(config.nodeId())
        .setControllerListenerName(config.controllerListenerNames().head())
        .setMetadataLogDirectory(config.metadataLogDir())
        .setDirectories(List.of(logDir.toString()))
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
    if (security.scramUser() != null) {
      formatter.setScramArguments(List.of("SCRAM-SHA-512=[name=" + security.scramUser()
          + ",password=" + security.scramPassword() + "]"));
    }
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the embedded Kafka log directory " + logDir, e);
    }
  }

  private synchronized void startServer() {
    server = new KafkaRaftServer(config(), Time.SYSTEM);
    server.startup();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
