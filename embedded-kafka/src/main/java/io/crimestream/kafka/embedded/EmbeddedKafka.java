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
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final Path logDir;
  private final boolean ownsLogDir;
  private final int brokerPort;
  private final int controllerPort;
  private final String clusterId = Uuid.randomUuid().toString();
  private KafkaRaftServer server;

  private EmbeddedKafka(Path logDir, boolean ownsLogDir) throws IOException {
    this.logDir = logDir;
    this.ownsLogDir = ownsLogDir;
    this.brokerPort = freePort();
    this.controllerPort = freePort();
  }

  /** Starts a node whose data lives in a temporary directory removed by {@link #close()}. */
  public static EmbeddedKafka start() throws IOException {
    EmbeddedKafka kafka = new EmbeddedKafka(Files.createTempDirectory("crimestream-kafka-"), true);
    kafka.format();
    kafka.startServer();
    return kafka;
  }

  /** {@code host:port} of the broker's plaintext listener. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
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
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
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
