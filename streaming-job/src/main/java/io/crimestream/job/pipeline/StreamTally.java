package io.crimestream.job.pipeline;

import io.crimestream.job.drift.DriftMonitor;
import io.crimestream.job.eval.ScoreHistogram;
import io.crimestream.job.eval.ScoredRows;
import io.crimestream.job.eval.Thresholds;
import io.crimestream.job.store.ChampionState;
import io.crimestream.job.store.JobState;
import io.crimestream.job.store.TrainingStore;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.Champion;
import io.crimestream.metrics.ChampionEvent;
import io.crimestream.metrics.DriftReport;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.Scores;
import io.crimestream.metrics.SourceAccount;
import io.crimestream.options.DecisionThreshold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stream's books: records not trained on by reason, rows left out on purpose, the batches'
 * metrics history and every model's prequential scores pooled since the start. It saves itself
 * to the checkpoint's {@link JobState}, restores from it, and builds the published
 * {@link MetricsReport}; the {@link MicroBatchProcessor} only tells it what each step did.
 */
final class StreamTally {

  /** What the report says the stream is, besides its figures. */
  record Labels(String topic, List<String> months, String featureSet, String trainingWindow) {
    Labels {
      months = List.copyOf(months);
    }
  }

  private final Labels labels;
  private final int historyLimit;
  private Map<String, Long> rowsRejected = new TreeMap<>();
  private long rowsExcluded;
  private long batchesWithRows;
  private final List<BatchMetrics> history = new ArrayList<>();
  private final Map<String, ScoreHistogram> cumulative = new LinkedHashMap<>();
  /** Set from the thread that runs the producer while batches run: a reference swap. */
  private volatile SourceAccount source;
  private long rowsHistory;
  private long predictionsPublished;
  private long predictionsWithoutModel;

  StreamTally(Labels labels, int historyLimit) {
    this.labels = labels;
    this.historyLimit = historyLimit;
  }

  void rejected(String reasonKey) {
    rowsRejected.merge(reasonKey, 1L, Long::sum);
  }

  void excluded() {
    rowsExcluded++;
  }

  void history(int rows) {
    rowsHistory += rows;
  }

  void predicted(int published, int withoutModel) {
    predictionsPublished += published;
    predictionsWithoutModel += withoutModel;
  }

  long rejectedTotal() {
    return rowsRejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Each model's decision threshold for this batch, decided from what it scored before now. */
  Map<String, Double> thresholds(List<String> models, DecisionThreshold rule) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String m : models) {
      out.put(m, Thresholds.given(rule, cumulative.get(m)));
    }
    return out;
  }

  /** The batch's prequential scores of {@code model}, pooled with every earlier batch's. */
  void addPrequential(String model, ScoredRows scored, double threshold) {
    cumulative.computeIfAbsent(model, k -> new ScoreHistogram()).add(scored, threshold);
  }

  /** {@code model}'s pooled prequential figures, or {@code null} before it scored anything. */
  Scores cumulativeScores(String model) {
    ScoreHistogram h = cumulative.get(model);
    return h == null ? null : h.scores();
  }

  /** A batch that brought new rows, into the history (the first and the latest ones are kept). */
  void addBatch(BatchMetrics metrics) {
    batchesWithRows++;
    history.add(metrics);
    while (history.size() > historyLimit) {
      history.remove(1); // keep the first batch: charts start at the beginning
    }
  }

  /** How the source's lines were accounted for, once the producer knows (local runs). */
  void source(SourceAccount account) {
    this.source = account;
  }

  /** The report, with the champion and its events as the processor knows them now. */
  MetricsReport report(Champion champion, List<ChampionEvent> events, DriftReport drift) {
    return new MetricsReport(labels.topic(), labels.months(), labels.featureSet(),
        labels.trainingWindow(), Map.copyOf(rowsRejected), rowsExcluded,
        batchesWithRows - history.size(), List.copyOf(history),
        MetricsReport.summarize(batchesWithRows, history, rowsRejected).withChampion(champion)
            .withRecentEvents(events, drift), source,
        rowsHistory, champion, events.isEmpty() ? null : events,
        new MetricsReport.PredictionCounts(predictionsPublished, predictionsWithoutModel), drift);
  }

  JobState state(long batchId, ChampionState champion, DriftMonitor.State drift,
                 List<TrainingStore.WindowReset> windowResets) {
    Map<String, ScoreHistogram.State> cum = new LinkedHashMap<>();
    cumulative.forEach((k, v) -> cum.put(k, v.state()));
    return new JobState(JobState.FORMAT, batchId, Map.copyOf(rowsRejected), rowsExcluded,
        batchesWithRows, List.copyOf(history), cum, rowsHistory, champion, predictionsPublished,
        predictionsWithoutModel, drift, windowResets.isEmpty() ? null : windowResets);
  }

  void restore(JobState s) {
    rowsRejected = new TreeMap<>(s.rowsRejected());
    rowsExcluded = s.rowsExcluded();
    batchesWithRows = s.batchesWithRows();
    history.clear();
    history.addAll(s.history());
    cumulative.clear();
    s.cumulative().forEach((name, h) -> cumulative.put(name, ScoreHistogram.fromState(h)));
    rowsHistory = s.rowsHistory();
    predictionsPublished = s.predictionsPublished();
    predictionsWithoutModel = s.predictionsWithoutModel();
  }
}
