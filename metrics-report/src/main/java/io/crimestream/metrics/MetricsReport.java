package io.crimestream.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.crimestream.options.ModelKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The document the streaming job publishes after every micro-batch: {@code metrics.json} in a
 * local run, the {@code metrics.json} key of the metrics ConfigMap on Kubernetes.
 *
 * @param topic           the Kafka topic read
 * @param months          the months requested, {@code YYYY-MM}
 * @param featureSet      {@code study} or {@code improved}
 * @param trainingWindow  the training window policy, e.g. {@code all} or {@code last:100000}
 * @param rowsRejected    records not trained on, counted by reason key (duplicates included)
 * @param rowsExcluded    valid rows left out on purpose (the arrest-recorded types, when asked)
 * @param batchesOmitted  older batches left out of {@code batches} to bound the document's size
 * @param batches         one entry per micro-batch that brought new rows, oldest first
 * @param summary         the latest figures per model and the best model
 * @param source          where every line of the source went (local runs, once the producer is
 *                        done); absent when the job does not know its source
 * @param rowsHistory     rows learned from as history (a warm start), never scored
 * @param champion        the model and version whose predictions are published
 * @param championEvents  promotions and rollbacks, the most recent last
 * @param predictions     how many predictions were published
 * @param drift           the drift detections so far
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsReport(String topic, List<String> months, String featureSet,
                            String trainingWindow, Map<String, Long> rowsRejected,
                            long rowsExcluded, long batchesOmitted, List<BatchMetrics> batches, Summary summary,
                            SourceAccount source, long rowsHistory, Champion champion,
                            List<ChampionEvent> championEvents, PredictionCounts predictions,
                            DriftReport drift) {

  /**
   * @param published    predictions published, one per valid incident of the stream
   * @param withoutModel of those, published before any model existed (no probability)
   */
  public record PredictionCounts(long published, long withoutModel) {}

  /**
   * The latest figures, small enough for a custom resource's status: the controller copies them
   * into the CrimeStream's status and turns the recent events into Kubernetes Events.
   *
   * @param championEvents the most recent promotions and rollbacks (at most
   *                       {@link #RECENT_EVENTS}), oldest first
   * @param drift          detections per detector and the most recent detections (at most
   *                       {@link #RECENT_EVENTS})
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Summary(long batches, long lastBatch, long rowsTotal, long rowsRejectedTotal,
                        String bestModel, String updated, Map<String, ModelMetrics> models,
                        Champion champion, List<ChampionEvent> championEvents, DriftReport drift) {

    /** Events a summary carries of each kind: enough for a controller that looks every minute. */
    public static final int RECENT_EVENTS = 5;

    public Summary(long batches, long lastBatch, long rowsTotal, long rowsRejectedTotal, String bestModel,
                   String updated, Map<String, ModelMetrics> models) {
      this(batches, lastBatch, rowsTotal, rowsRejectedTotal, bestModel, updated, models, null, null, null);
    }

    public Summary withChampion(Champion c) {
      return new Summary(batches, lastBatch, rowsTotal, rowsRejectedTotal, bestModel, updated, models, c,
          championEvents, drift);
    }

    /** The same summary with the most recent of {@code events} and of {@code report}'s detections. */
    public Summary withRecentEvents(List<ChampionEvent> events, DriftReport report) {
      List<ChampionEvent> recent = events == null || events.isEmpty() ? null : List.copyOf(last(events));
      DriftReport recentDrift = report == null ? null
          : new DriftReport(report.detections(), report.events() == null ? null : List.copyOf(last(report.events())));
      return new Summary(batches, lastBatch, rowsTotal, rowsRejectedTotal, bestModel, updated, models, champion,
          recent, recentDrift);
    }

    private static <T> List<T> last(List<T> items) {
      return items.subList(Math.max(0, items.size() - RECENT_EVENTS), items.size());
    }
  }

  /** Builds the summary of {@code batches}; {@code batchCount} counts omitted ones too. */
  public static Summary summarize(long batchCount, List<BatchMetrics> batches,
                                  Map<String, Long> rowsRejected) {
    long rejected = rowsRejected.values().stream().mapToLong(Long::longValue).sum();
    if (batches.isEmpty()) {
      return new Summary(0, -1, 0, rejected, null, null, Map.of());
    }
    BatchMetrics last = batches.get(batches.size() - 1);
    String best = last.models().entrySet().stream()
        .filter(e -> !ModelKind.IUCR_RATE_BASELINE.equals(e.getKey()))
        .filter(e -> e.getValue().rankingAuc() != null)
        .max(Comparator.comparingDouble(e -> e.getValue().rankingAuc()))
        .map(Map.Entry::getKey)
        .orElse(null);
    return new Summary(batchCount, last.batch(), last.rowsTotal(), rejected, best, last.time(),
        last.models());
  }

  /**
   * The same report with its batch history cut to at most {@code maxBatches} entries: the first
   * batch and the most recent ones, so that a chart still starts at the beginning.
   */
  public MetricsReport withHistoryTrimmedTo(int maxBatches) {
    if (batches.size() <= maxBatches) {
      return this;
    }
    List<BatchMetrics> kept = new ArrayList<>(maxBatches);
    kept.add(batches.get(0));
    kept.addAll(batches.subList(batches.size() - (maxBatches - 1), batches.size()));
    long omitted = batchesOmitted + batches.size() - kept.size();
    return new MetricsReport(topic, months, featureSet, trainingWindow, rowsRejected, rowsExcluded,
        omitted, kept, summary, source, rowsHistory, champion, championEvents, predictions, drift);
  }

  /** The same report with the source's account. */
  public MetricsReport withSource(SourceAccount account) {
    return new MetricsReport(topic, months, featureSet, trainingWindow, rowsRejected, rowsExcluded,
        batchesOmitted, batches, summary, account, rowsHistory, champion, championEvents, predictions, drift);
  }
}
