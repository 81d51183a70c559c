package io.crimestream.job.config;

import io.crimestream.job.drift.DriftSettings;
import io.crimestream.options.JobOptions;
import io.crimestream.options.OptionValues;

/**
 * The shared job options (see {@link JobOptions}) turned into the job's configuration: one
 * reading for every command that runs the job's processor (the job itself,
 * {@code ./crimestream local}, {@code report}, {@code bench}).
 */
public final class LearningOptions {

  private LearningOptions() {}

  /** {@link JobOptions#LEARNING} on top of {@code base}. */
  public static LearningConfig learning(OptionValues v, LearningConfig base) {
    return base.withFeatures(v.get(JobOptions.FEATURES))
        .withModels(v.get(JobOptions.MODELS))
        .withDecisionThreshold(v.get(JobOptions.DECISION_THRESHOLD))
        .withExcludeArrestRecordedTypes(v.get(JobOptions.EXCLUDE_ARREST_RECORDED_TYPES))
        .withWindow(v.get(JobOptions.TRAINING_WINDOW))
        .withChampion(new ChampionSettings(v.get(JobOptions.CHAMPION_WINDOW),
            v.get(JobOptions.CHAMPION_MARGIN), v.get(JobOptions.CHAMPION_LEAD_BATCHES)))
        .withDrift(new DriftSettings(v.get(JobOptions.DRIFT_DELTA), v.get(JobOptions.DRIFT_THRESHOLD),
            v.get(JobOptions.DRIFT_MIN_ROWS), v.get(JobOptions.ON_DRIFT) == JobOptions.OnDrift.RESET_WINDOW));
  }

  /** {@link JobOptions#STREAMING} and {@link JobOptions#LEARNING} set on {@code b}. */
  public static JobConfig.Builder applyTo(OptionValues v, JobConfig.Builder b) {
    return b.triggerInterval(v.get(JobOptions.TRIGGER_INTERVAL))
        .maxRowsPerBatch(v.get(JobOptions.MAX_ROWS_PER_BATCH))
        .maxRowsWhenBehind(v.get(JobOptions.MAX_ROWS_WHEN_BEHIND))
        .stopGracePeriod(v.get(JobOptions.STOP_GRACE_PERIOD))
        .learning(learning(v, b.learning()));
  }
}
