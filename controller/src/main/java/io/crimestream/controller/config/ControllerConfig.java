package io.crimestream.controller.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything the controller is configured with, read once from its environment (the chart sets
 * these variables) and validated at start.
 *
 * @param watchNamespaces       namespaces whose CrimeStreams are reconciled; empty = all
 * @param producerImage         the producer image a CrimeStream gets unless its spec names one
 * @param sparkImage            the Spark image (driver and executors) likewise
 * @param imagePullPolicy       for every container the controller writes
 * @param serverSideApply       whether dependents and the status are written with server-side
 *                              apply; on for real clusters, off for Fabric8's mock API server
 *                              (which has none)
 * @param leaderElection        whether replicas elect one active controller through a Lease
 * @param leaderElectionNamespace the Lease's namespace (the controller's own)
 * @param healthPort            the port of the health endpoint the kubelet probes
 *                              ({@link io.crimestream.controller.ControllerEndpoint}), or
 *                              {@link #HEALTH_PORT_OFF} for none; 0 (a free port the system
 *                              picks) only from code, e.g. tests, since a probe needs a known port
 * @param kafkaNamespaces       namespaces besides the watched ones where CrimeStreams may have
 *                              their KafkaTopics ({@code spec.kafka.namespace}): the controller
 *                              watches and writes KafkaTopics there, and nothing else
 * @param imagePullSecrets      the Secrets every pod the controller writes pulls its images with
 */
public record ControllerConfig(Set<String> watchNamespaces, String producerImage,
                               String sparkImage, String imagePullPolicy, boolean serverSideApply,
                               boolean leaderElection, String leaderElectionNamespace,
                               int healthPort, Set<String> kafkaNamespaces,
                               List<String> imagePullSecrets) {

  public static final String ENV_WATCH_NAMESPACES = "CRIMESTREAM_WATCH_NAMESPACES";
  public static final String ENV_PRODUCER_IMAGE = "CRIMESTREAM_PRODUCER_IMAGE";
  public static final String ENV_SPARK_IMAGE = "CRIMESTREAM_SPARK_IMAGE";
  public static final String ENV_IMAGE_PULL_POLICY = "CRIMESTREAM_IMAGE_PULL_POLICY";
  public static final String ENV_SERVER_SIDE_APPLY = "CRIMESTREAM_SERVER_SIDE_APPLY";
  public static final String ENV_LEADER_ELECTION = "CRIMESTREAM_LEADER_ELECTION";
  /** The Downward API's namespace of the controller pod: the Lease lives there. */
  public static final String ENV_POD_NAMESPACE = "POD_NAMESPACE";
  /** A port (1 to 65535) or {@code off}; the chart's controller.healthPort. */
  public static final String ENV_HEALTH_PORT = "CRIMESTREAM_HEALTH_PORT";
  /** Comma-separated; the chart's controller.kafkaNamespaces. */
  public static final String ENV_KAFKA_NAMESPACES = "CRIMESTREAM_KAFKA_NAMESPACES";
  /** Comma-separated Secret names; the chart's images.pullSecrets. */
  public static final String ENV_IMAGE_PULL_SECRET_NAMES = "CRIMESTREAM_IMAGE_PULL_SECRET_NAMES";

  /** The health port unless set: the chart's default too. */
  public static final int DEFAULT_HEALTH_PORT = 8080;
  /**
   * {@link #healthPort()} of a controller without a health endpoint ({@code off}): -1, since 0
   * already means "any free port" to a server socket.
   */
  public static final int HEALTH_PORT_OFF = -1;

  public static final String LEASE_NAME = "crimestream-controller";
  private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
  private static final Pattern SECRET_NAME = Pattern.compile(
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

  /** Without Kafka namespaces of its own and without image pull secrets. */
  public ControllerConfig(Set<String> watchNamespaces, String producerImage, String sparkImage,
                          String imagePullPolicy, boolean serverSideApply, boolean leaderElection,
                          String leaderElectionNamespace, int healthPort) {
    this(watchNamespaces, producerImage, sparkImage, imagePullPolicy, serverSideApply,
        leaderElection, leaderElectionNamespace, healthPort, Set.of(), List.of());
  }

  public ControllerConfig {
    watchNamespaces = Set.copyOf(watchNamespaces);
    kafkaNamespaces = Set.copyOf(kafkaNamespaces);
    imagePullSecrets = List.copyOf(imagePullSecrets);
    for (String namespace : kafkaNamespaces) {
      if (!NAMESPACE.matcher(namespace).matches()) {
        throw new IllegalArgumentException(ENV_KAFKA_NAMESPACES + ": '" + namespace
            + "' is not a namespace name (lowercase letters, digits and '-', at most 63)");
      }
    }
    if (!kafkaNamespaces.isEmpty() && watchNamespaces.isEmpty()) {
      throw new IllegalArgumentException(ENV_KAFKA_NAMESPACES + " is for a controller that"
          + " watches some namespaces: one that watches them all (" + ENV_WATCH_NAMESPACES
          + " empty) reaches KafkaTopics everywhere; leave it empty");
    }
    for (String secret : imagePullSecrets) {
      if (!SECRET_NAME.matcher(secret).matches()) {
        throw new IllegalArgumentException(ENV_IMAGE_PULL_SECRET_NAMES + ": '" + secret
            + "' is not a Secret name");
      }
    }
    requireImage(ENV_PRODUCER_IMAGE, producerImage);
    requireImage(ENV_SPARK_IMAGE, sparkImage);
    if (!PULL_POLICIES.contains(imagePullPolicy)) {
      throw new IllegalArgumentException(ENV_IMAGE_PULL_POLICY + "=" + imagePullPolicy
          + " is not one of Always, IfNotPresent, Never");
    }
    if (leaderElection && (leaderElectionNamespace == null || leaderElectionNamespace.isBlank())) {
      throw new IllegalArgumentException(ENV_LEADER_ELECTION + "=true needs " + ENV_POD_NAMESPACE
          + " (set it from the Downward API's metadata.namespace) for the Lease's namespace");
    }
    if (healthPort != HEALTH_PORT_OFF && (healthPort < 0 || healthPort > 65535)) {
      throw new IllegalArgumentException(ENV_HEALTH_PORT + "=" + healthPort
          + " is not a port number");
    }
  }

  /**
   * Reads the configuration.
   *
   * @throws IllegalArgumentException naming the variable that is missing or wrong
   */
  public static ControllerConfig fromEnvironment(Map<String, String> env) {
    return new ControllerConfig(Set.copyOf(list(env, ENV_WATCH_NAMESPACES)),
        env.get(ENV_PRODUCER_IMAGE),
        env.get(ENV_SPARK_IMAGE),
        env.getOrDefault(ENV_IMAGE_PULL_POLICY, "IfNotPresent"),
        flag(env, ENV_SERVER_SIDE_APPLY, true),
        flag(env, ENV_LEADER_ELECTION, false),
        env.get(ENV_POD_NAMESPACE),
        healthPort(env),
        Set.copyOf(list(env, ENV_KAFKA_NAMESPACES)),
        list(env, ENV_IMAGE_PULL_SECRET_NAMES));
  }

  /** A comma-separated variable's items, in order, each once; unset or blank: none. */
  private static List<String> list(Map<String, String> env, String name) {
    return Arrays.stream(env.getOrDefault(name, "").split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .distinct()
        .toList();
  }

  /** Whether every namespace is watched. */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }

  /**
   * Where the controller watches and writes KafkaTopics: the watched namespaces and the Kafka
   * namespaces; empty when it watches every namespace (and so reaches KafkaTopics everywhere).
   */
  public Set<String> topicNamespaces() {
    if (watchesAllNamespaces()) {
      return Set.of();
    }
    Set<String> namespaces = new TreeSet<>(watchNamespaces);
    namespaces.addAll(kafkaNamespaces);
    return Collections.unmodifiableSet(namespaces);
  }

  /** Whether a CrimeStream may have its KafkaTopics in {@code namespace}. */
  public boolean reachesTopicsIn(String namespace) {
    return watchesAllNamespaces() || topicNamespaces().contains(namespace);
  }

  /**
   * Whether the controller serves its {@link io.crimestream.controller.ControllerEndpoint} (on
   * {@link #healthPort()}).
   */
  public boolean servesHealth() {
    return healthPort != HEALTH_PORT_OFF;
  }

  /** 1 to 65535 (0, any port, is no use to a probe), {@code off}, or unset: the default. */
  private static int healthPort(Map<String, String> env) {
    String v = env.get(ENV_HEALTH_PORT);
    if (v == null || v.isBlank()) {
      return DEFAULT_HEALTH_PORT;
    }
    String value = v.strip();
    if (value.equalsIgnoreCase("off")) {
      return HEALTH_PORT_OFF;
    }
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // not a number: the same message as a number out of range
    }
    throw new IllegalArgumentException(ENV_HEALTH_PORT + "=" + v
        + " is neither a port number (1 to 65535) nor off");
  }

  private static boolean flag(Map<String, String> env, String name, boolean dflt) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + "=" + v + " is neither true nor false");
    };
  }

  private static void requireImage(String variable, String image) {
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException(variable + " is not set: it must name the default image,"
          + " e.g. crimestream/producer:0.1.0-SNAPSHOT");
    }
  }
}
