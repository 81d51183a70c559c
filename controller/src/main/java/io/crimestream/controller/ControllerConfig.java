package io.crimestream.controller;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
 */
public record ControllerConfig(Set<String> watchNamespaces, String producerImage,
                               String sparkImage, String imagePullPolicy, boolean serverSideApply,
                               boolean leaderElection, String leaderElectionNamespace) {

  public static final String ENV_WATCH_NAMESPACES = "CRIMESTREAM_WATCH_NAMESPACES";
  public static final String ENV_PRODUCER_IMAGE = "CRIMESTREAM_PRODUCER_IMAGE";
  public static final String ENV_SPARK_IMAGE = "CRIMESTREAM_SPARK_IMAGE";
  public static final String ENV_IMAGE_PULL_POLICY = "CRIMESTREAM_IMAGE_PULL_POLICY";
  public static final String ENV_SERVER_SIDE_APPLY = "CRIMESTREAM_SERVER_SIDE_APPLY";
  public static final String ENV_LEADER_ELECTION = "CRIMESTREAM_LEADER_ELECTION";
  /** The Downward API's namespace of the controller pod: the Lease lives there. */
  public static final String ENV_POD_NAMESPACE = "POD_NAMESPACE";

  public static final String LEASE_NAME = "crimestream-controller";
  private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

  public ControllerConfig {
    watchNamespaces = Set.copyOf(watchNamespaces);
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
  }

  /**
   * Reads the configuration.
   *
   * @throws IllegalArgumentException naming the variable that is missing or wrong
   */
  public static ControllerConfig fromEnvironment(Map<String, String> env) {
    Set<String> namespaces = Arrays.stream(env.getOrDefault(ENV_WATCH_NAMESPACES, "").split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    return new ControllerConfig(namespaces,
        env.get(ENV_PRODUCER_IMAGE),
        env.get(ENV_SPARK_IMAGE),
        env.getOrDefault(ENV_IMAGE_PULL_POLICY, "IfNotPresent"),
        flag(env, ENV_SERVER_SIDE_APPLY, true),
        flag(env, ENV_LEADER_ELECTION, false),
        env.get(ENV_POD_NAMESPACE));
  }

  /** Whether every namespace is watched. */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
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
