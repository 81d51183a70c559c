package io.crimestream.controller.api;

import java.util.List;

/** The condition types a CrimeStream's status carries, and the reasons they give. */
public final class ConditionTypes {

  public static final String READY = "Ready";
  public static final String TOPIC_READY = "TopicReady";
  public static final String PRODUCERS_COMPLETE = "ProducersComplete";
  public static final String DRIVER_RUNNING = "DriverRunning";
  public static final String METRICS_AVAILABLE = "MetricsAvailable";

  /** Every type, in the order the status lists them. */
  public static final List<String> ALL =
      List.of(READY, TOPIC_READY, PRODUCERS_COMPLETE, DRIVER_RUNNING, METRICS_AVAILABLE);

  private ConditionTypes() {}
}
