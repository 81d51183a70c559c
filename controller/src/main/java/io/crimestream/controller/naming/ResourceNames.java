package io.crimestream.controller.naming;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.Defaults;
import java.util.Locale;

/**
 * The names of the objects created for a CrimeStream: one place, so that nothing disagrees. They
 * are legal for every name {@link io.crimestream.options.CrimeStreamName} accepts.
 */
public final class ResourceNames {

  /** The driver pod's one container. */
  public static final String DRIVER_CONTAINER = "spark-driver";
  /** The container of the executors' pod template, which Spark fills in. */
  public static final String EXECUTOR_CONTAINER = "spark-executor";
  /** A producer Job's one container. */
  public static final String PRODUCER_CONTAINER = "producer";

  /** Between the CrimeStream's name and the month in a producer Job's name. */
  public static final String PRODUCER_JOB_INFIX = "-producer-";

  private ResourceNames() {}

  public static String producerJob(CrimeStream cs, String month) {
    return cs.getMetadata().getName() + PRODUCER_JOB_INFIX + month;
  }

  public static String driverPod(CrimeStream cs) {
    return cs.getMetadata().getName() + "-driver";
  }

  /** The headless Service of the driver; its DNS name is the driver's {@code spark.driver.host}. */
  public static String driverService(CrimeStream cs) {
    return cs.getMetadata().getName() + "-driver";
  }

  /** The ServiceAccount, Role and RoleBinding of the driver. */
  public static String sparkServiceAccount(CrimeStream cs) {
    return cs.getMetadata().getName() + "-spark";
  }

  public static String checkpointClaim(CrimeStream cs) {
    return cs.getMetadata().getName() + "-checkpoint";
  }

  public static String executorPodTemplate(CrimeStream cs) {
    return cs.getMetadata().getName() + "-executor-template";
  }

  /**
   * The prefix of executor pod names: the CrimeStream's name, since Spark appends
   * {@code -exec-<id>} itself (the executors of {@code study} are {@code study-exec-1}, ...).
   */
  public static String executorPodNamePrefix(CrimeStream cs) {
    return cs.getMetadata().getName();
  }

  public static String metricsConfigMap(CrimeStream cs) {
    String configured = cs.getSpec().getMetricsConfigMap();
    return configured != null ? configured
        : cs.getMetadata().getName() + Defaults.METRICS_CONFIG_MAP_SUFFIX;
  }

  /**
   * A KafkaTopic is named after its topic where Kubernetes allows it; otherwise the name is made
   * legal and {@code spec.topicName} carries the real topic (Strimzi's way).
   */
  public static String kafkaTopic(String topic) {
    String name = topic.toLowerCase(Locale.ROOT).replace('_', '-');
    name = name.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    return name.isEmpty() ? "topic" : name;
  }
}
