package io.crimestream.controller.naming;

import io.crimestream.controller.api.CrimeStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recommended labels on everything the controller creates. The informers select on
 * {@link #MANAGED_BY} and a component, so that their caches hold only the controller's objects
 * (not, for instance, the executor pods Spark creates).
 */
public final class Labels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PART_OF_VALUE = "crimestream";
  public static final String CONTROLLER = "crimestream-controller";
  /** On producer Jobs and their pods: the month the Job sends. */
  public static final String MONTH = "crimestream.io/month";
  /**
   * On KafkaTopics, which may live in another namespace than their CrimeStream (and so cannot be
   * owned by it): the CrimeStream's namespace, beside its name in {@link #INSTANCE}.
   */
  public static final String CRIMESTREAM_NAMESPACE = "crimestream.io/namespace";

  public static final String COMPONENT_PRODUCER = "producer";
  public static final String COMPONENT_DRIVER = "spark-driver";
  public static final String COMPONENT_EXECUTOR = "spark-executor";
  public static final String COMPONENT_SPARK_RBAC = "spark-rbac";
  public static final String COMPONENT_CHECKPOINT = "checkpoint";
  public static final String COMPONENT_METRICS = "metrics";
  public static final String COMPONENT_EXECUTOR_TEMPLATE = "executor-template";
  public static final String COMPONENT_TOPIC = "topic";

  /** Informer selectors: the controller's objects of one component. */
  public static final String SELECT_MANAGED = MANAGED_BY + "=" + CONTROLLER;
  public static final String SELECT_PRODUCERS = SELECT_MANAGED + "," + COMPONENT + "=" + COMPONENT_PRODUCER;
  public static final String SELECT_DRIVER = SELECT_MANAGED + "," + COMPONENT + "=" + COMPONENT_DRIVER;
  public static final String SELECT_SPARK_RBAC = SELECT_MANAGED + "," + COMPONENT + "=" + COMPONENT_SPARK_RBAC;
  public static final String SELECT_CHECKPOINT = SELECT_MANAGED + "," + COMPONENT + "=" + COMPONENT_CHECKPOINT;
  public static final String SELECT_METRICS = SELECT_MANAGED + "," + COMPONENT + "=" + COMPONENT_METRICS;
  public static final String SELECT_TOPIC = SELECT_MANAGED + "," + COMPONENT + "=" + COMPONENT_TOPIC;
  public static final String SELECT_EXECUTOR_TEMPLATE =
      SELECT_MANAGED + "," + COMPONENT + "=" + COMPONENT_EXECUTOR_TEMPLATE;

  private Labels() {}

  public static Map<String, String> of(CrimeStream cs, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, PART_OF_VALUE);
    labels.put(INSTANCE, cs.getMetadata().getName());
    labels.put(COMPONENT, component);
    labels.put(MANAGED_BY, CONTROLLER);
    return labels;
  }

  /** The labels that pick one CrimeStream's pods of a component (a Service's selector). */
  public static Map<String, String> selector(CrimeStream cs, String component) {
    return Map.of(INSTANCE, cs.getMetadata().getName(), COMPONENT, component);
  }
}
