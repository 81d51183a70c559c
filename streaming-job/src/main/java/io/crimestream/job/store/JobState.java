package io.crimestream.job.store;

import io.crimestream.job.drift.DriftMonitor;
import io.crimestream.job.eval.ScoreHistogram;
import io.crimestream.metrics.BatchMetrics;
import java.util.List;
import java.util.Map;

/**
 * What the job must remember across a restart besides the rows: counts, the metrics history and
 * the pooled prequential scores (the models that produced them are gone after a restart, so the
 * scores cannot be recomputed).
 *
 * @param format         the checkpoint format this state was written in ({@link #FORMAT} now;
 *                       0 for the releases before formats were numbered, which read the same)
 * @param lastBatch      the micro-batch this state is the result of
 * @param rowsRejected   records not trained on, by reason key
 * @param rowsExcluded   valid rows left out by the arrest-recorded-types switch
 * @param batchesWithRows micro-batches that brought new rows, over the whole stream
 * @param history        recent batches' metrics (the oldest may have been trimmed)
 * @param cumulative     per model, its prequential scores pooled over every batch
 * @param rowsHistory    rows learned from as history (a warm start), never scored
 * @param champion       the champion and its rollback state ({@code null} before one was chosen)
 * @param predictionsPublished    predictions published
 * @param predictionsWithoutModel of those, published before any model existed
 * @param drift          the drift detectors' tests and detections ({@code null} from releases
 *                       before drift detection)
 * @param windowResets   the training window's restarts at a drift's change point, replayed on
 *                       the checkpointed rows ({@code null}: none)
 */
public record JobState(int format, long lastBatch, Map<String, Long> rowsRejected, long rowsExcluded,
                       long batchesWithRows, List<BatchMetrics> history,
                       Map<String, ScoreHistogram.State> cumulative, long rowsHistory,
                       ChampionState champion, long predictionsPublished, long predictionsWithoutModel,
                       DriftMonitor.State drift, List<TrainingStore.WindowReset> windowResets) {

  /** The format this release writes. */
  public static final int FORMAT = 1;
}
