package io.crimestream.controller.api;

import io.crimestream.options.Durations;
import java.time.Duration;

/**
 * How long the driver pod has to stop, and the rule that keeps the job's stop grace period
 * within it. When the pod is deleted (a spec change, {@code kubectl delete}), Kubernetes sends
 * SIGTERM; the job lets the batch in flight complete within {@code spec.spark.stopGracePeriod},
 * then stops its query and Spark (which deletes the executors) and exits; Kubernetes kills the
 * pod {@code terminationGracePeriodSeconds} after the SIGTERM. So the pod's grace period is at
 * least the stop grace period, rounded up to whole seconds, plus {@link #SHUTDOWN_SECONDS}.
 *
 * <p>Stated once, here: the CRD's CEL rule on {@code spec.spark} ({@link #RULE}, for
 * {@code kubectl apply}) and the controller's own check ({@link #minimumSeconds}, for API servers
 * that skip CEL) are both built from these constants.
 */
public final class DriverGracePeriod {

  /** After the batch in flight: stopping the query and Spark, and exiting. */
  public static final long SHUTDOWN_SECONDS = 10;
  /**
   * The job's own stop grace period, which a spec without {@code stopGracePeriod} gets (a test
   * keeps it equal to the default of the job's {@code --stop-grace-period}).
   */
  public static final long DEFAULT_STOP_GRACE_PERIOD_MILLIS = 20_000;

  private static final String STOP = "self.stopGracePeriod";
  private static final String UNIT = STOP + ".find('[a-z]+$')";
  /** {@code spec.spark.stopGracePeriod} in milliseconds, for a value of the durations' grammar. */
  private static final String STOP_MILLIS = "int(" + STOP + ".find('^[0-9]+')) * (" + UNIT
      + " in ['ms', 'millisecond', 'milliseconds'] ? 1 : " + UNIT + ".startsWith('s') ? 1000 : "
      + UNIT + ".startsWith('m') ? 60000 : 3600000)";

  /**
   * On {@code spec.spark}: an explicit terminationGracePeriodSeconds leaves room for the stop
   * grace period (given or the job's default) and the shutdown after it. A stopGracePeriod its
   * pattern refuses is left to the pattern's message.
   */
  public static final String RULE = "!has(self.terminationGracePeriodSeconds)"
      + " || (has(" + STOP + ") && !" + STOP + ".matches('" + Durations.PATTERN + "'))"
      + " || ((has(" + STOP + ") ? " + STOP_MILLIS + " : " + DEFAULT_STOP_GRACE_PERIOD_MILLIS
      + ") + 999) / 1000 + " + SHUTDOWN_SECONDS + " <= self.terminationGracePeriodSeconds";
  public static final String MESSAGE = "terminationGracePeriodSeconds must be at least"
      + " stopGracePeriod (default " + DEFAULT_STOP_GRACE_PERIOD_MILLIS / 1000 + "s) in whole"
      + " seconds plus " + SHUTDOWN_SECONDS + ": after the batch in flight the driver stops its"
      + " query and Spark before Kubernetes kills the pod; raise it, shorten stopGracePeriod, or"
      + " leave terminationGracePeriodSeconds out (default: stopGracePeriod plus "
      + SHUTDOWN_SECONDS + " s)";

  private DriverGracePeriod() {}

  /** The shortest terminationGracePeriodSeconds for a stop grace period of {@code stop}. */
  public static long minimumSeconds(Duration stop) {
    return (stop.toMillis() + 999) / 1000 + SHUTDOWN_SECONDS;
  }
}
