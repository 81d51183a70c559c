package io.crimestream.controller.settings;

import io.crimestream.controller.api.DriverGracePeriod;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.options.Durations;
import io.crimestream.options.JobOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * How the job cuts the stream into micro-batches and stops, from {@code spec.spark}: the job's
 * {@code --trigger-interval}, {@code --max-rows-per-batch} and {@code --stop-grace-period},
 * each checked by the job's own option, and how long the driver pod has to stop
 * ({@link DriverGracePeriod}).
 *
 * @param triggerInterval               how often a micro-batch may start
 * @param maxRowsPerBatch               at most this many records per batch; empty: the job's
 *                                      default
 * @param maxRowsWhenBehind             at most this many records per batch when behind; empty:
 *                                      the job's default
 * @param stopGracePeriod               how long the batch in flight may take when the driver is
 *                                      stopped; empty: the job's default
 * @param terminationGracePeriodSeconds the driver pod's: Kubernetes' SIGKILL, and Spark's own
 *                                      limit on its shutdown
 */
public record StreamingSettings(Duration triggerInterval, Optional<Integer> maxRowsPerBatch,
                                Optional<Integer> maxRowsWhenBehind,
                                Optional<Duration> stopGracePeriod,
                                long terminationGracePeriodSeconds) {

  static StreamingSettings of(SparkSpec given, SpecProblems problems) {
    SparkSpec spark = given != null ? given : new SparkSpec();
    Duration trigger = spark.getTriggerInterval() == null
        ? JobOptions.TRIGGER_INTERVAL.defaultValue()
        : problems.option("spec.spark.triggerInterval", JobOptions.TRIGGER_INTERVAL,
            spark.getTriggerInterval()).orElse(JobOptions.TRIGGER_INTERVAL.defaultValue());
    Optional<Integer> maxRows = problems.option("spec.spark.maxRowsPerBatch",
        JobOptions.MAX_ROWS_PER_BATCH, spark.getMaxRowsPerBatch());
    Optional<Integer> maxRowsBehind = problems.option("spec.spark.maxRowsWhenBehind",
        JobOptions.MAX_ROWS_WHEN_BEHIND, spark.getMaxRowsWhenBehind());
    boolean stopGiven = spark.getStopGracePeriod() != null;
    Optional<Duration> stop = problems.option("spec.spark.stopGracePeriod",
        JobOptions.STOP_GRACE_PERIOD, spark.getStopGracePeriod());
    long minimum = DriverGracePeriod.minimumSeconds(
        stop.orElseGet(JobOptions.STOP_GRACE_PERIOD::defaultValue));
    Long grace = spark.getTerminationGracePeriodSeconds();
    if (grace != null && (!stopGiven || stop.isPresent()) && grace < minimum) {
      problems.add("spec.spark.terminationGracePeriodSeconds: " + grace + " s leaves too little"
          + " time to stop: the driver needs stopGracePeriod (" + Durations.render(
              stop.orElseGet(JobOptions.STOP_GRACE_PERIOD::defaultValue)) + ") plus "
          + DriverGracePeriod.SHUTDOWN_SECONDS + " s; set it to at least " + minimum + ", shorten"
          + " spec.spark.stopGracePeriod, or leave it out");
    }
    return new StreamingSettings(trigger, maxRows, maxRowsBehind, stop,
        grace != null ? grace : minimum);
  }
}
