package io.crimestream.controller.settings;

import io.crimestream.controller.api.DriftSpec;
import io.crimestream.options.JobOptions;
import java.util.Optional;

/**
 * {@code spec.drift}: the job's {@code --drift-delta}, {@code --drift-threshold},
 * {@code --drift-min-rows} and {@code --on-drift}, each checked by the job's own option; absent,
 * the job's default.
 *
 * @param delta     the change a detector tolerates
 * @param threshold the statistic above which a change is detected
 * @param minRows   rows a detector sees before it may detect
 * @param onDrift   what a detection does
 */
public record DriftSettings(Optional<Double> delta, Optional<Integer> threshold,
                            Optional<Integer> minRows, Optional<JobOptions.OnDrift> onDrift) {

  static DriftSettings of(DriftSpec given, SpecProblems problems) {
    DriftSpec spec = given != null ? given : new DriftSpec();
    return new DriftSettings(
        problems.option("spec.drift.delta", JobOptions.DRIFT_DELTA, spec.getDelta()),
        problems.option("spec.drift.threshold", JobOptions.DRIFT_THRESHOLD, spec.getThreshold()),
        problems.option("spec.drift.minRows", JobOptions.DRIFT_MIN_ROWS, spec.getMinRows()),
        problems.option("spec.drift.onDrift", JobOptions.ON_DRIFT, spec.getOnDrift()));
  }
}
