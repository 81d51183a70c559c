package io.crimestream.job.monitoring;

import java.util.List;

/**
 * The job's meter names, in Micrometer's dotted form; Prometheus sees them with underscores, a
 * {@code _total} suffix on counters and the base unit on timers and unit gauges
 * ({@code crimestream.batch.duration} is {@code crimestream_batch_duration_seconds}). The chart's
 * alert rules and dashboard query these; a test checks that each name they use is exported.
 */
public final class MeterNames {

  private MeterNames() {}

  public static final String RECORDS = "crimestream.records";
  /** The {@code outcome} label's values of {@link #RECORDS}. */
  public static final List<String> RECORD_OUTCOMES = List.of("trained", "history", "duplicate", "rejected",
      "excluded");
  public static final String RECORDS_REJECTED = "crimestream.records.rejected";
  public static final String BATCHES = "crimestream.batches";
  public static final String BATCH_DURATION = "crimestream.batch.duration";
  public static final String LAST_BATCH_TIMESTAMP = "crimestream.last.batch.timestamp";
  public static final String TRAINING_DURATION = "crimestream.training.duration";
  public static final String TRAINING_ROWS = "crimestream.training.rows";
  public static final String PREQUENTIAL_AUC = "crimestream.prequential.auc";
  public static final String HELDOUT_AUC = "crimestream.heldout.auc";
  public static final String CHAMPION_INFO = "crimestream.champion.info";
  public static final String PREDICTIONS_PUBLISHED = "crimestream.predictions.published";
  public static final String DRIFT_DETECTIONS = "crimestream.drift.detections";
  public static final String DRIFT_STATISTIC = "crimestream.drift.statistic";
  public static final String DRIFT_THRESHOLD = "crimestream.drift.threshold";
  public static final String CONSUMER_LAG = "crimestream.consumer.lag";
}
