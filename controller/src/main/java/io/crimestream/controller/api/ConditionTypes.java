package io.crimestream.controller.api;

import java.util.List;

/** The condition types a CrimeStream's status carries, and the reasons they give. */
public final class ConditionTypes {

  public static final String READY = "Ready";
  public static final String TOPIC_READY = "TopicReady";
  public static final String PRODUCERS_COMPLETE = "ProducersComplete";
  public static final String DRIVER_RUNNING = "DriverRunning";
  public static final String METRICS_AVAILABLE = "MetricsAvailable";
  /** True while a drift detector fired within the last batches (see the drift status step). */
  public static final String DRIFT_DETECTED = "DriftDetected";

  /** Every type, in the order the status lists them. */
  public static final List<String> ALL =
      List.of(READY, TOPIC_READY, PRODUCERS_COMPLETE, DRIVER_RUNNING, METRICS_AVAILABLE,
          DRIFT_DETECTED);

  private ConditionTypes() {}
}
