package io.crimestream.job.pipeline;

import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.deadletter.DeadLetter;
import io.crimestream.job.deadletter.DeadLetterQueue;
import io.crimestream.job.eval.BinaryMetrics;
import io.crimestream.job.eval.ScoreHistogram;
import io.crimestream.job.eval.ScoredRows;
import io.crimestream.job.features.EncodedRow;
import io.crimestream.job.features.FeatureEncoder;
import io.crimestream.job.features.ModelFeatures;
import io.crimestream.job.model.ArrestScorer;
import io.crimestream.job.model.IucrRateBaseline;
import io.crimestream.job.model.ModelTrainer;
import io.crimestream.job.model.TrainedModel;
import io.crimestream.job.sink.MetricsSink;
import io.crimestream.job.store.JobCheckpoint;
import io.crimestream.job.store.JobState;
import io.crimestream.job.store.TrainingStore;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Scores;
import io.crimestream.record.ArrestRecordedTypes;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.RejectReason;
import io.crimestream.record.Rejection;
import io.crimestream.record.WireCodec;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job does with each micro-batch, as a pipeline of named steps:
 *
 * <pre>
 * decode → dead-letter the rejected → accumulate (dedup, window) → checkpoint the rows
 *        → score the new rows with the models trained before them (prequential: test...)
 *        → train on the accumulated rows (...then train)
 *        → evaluate on the held-out rows → publish the metrics
 * </pre>
 *
 * <p>Kafka and Spark's streaming machinery stay outside: the processor takes the batch's records
 * as a list, so the report and benchmark commands drive it the same way the stream does.
 */
public final class MicroBatchProcessor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);

  private final String topic;
  private final List<String> months;
  private final LearningConfig config;
  private final ModelTrainer trainer;
  private final JobCheckpoint checkpoint;
  private final DeadLetterQueue deadLetters;
  private final List<MetricsSink> sinks;
  private final Clock clock;

  private final FeatureEncoder encoder;
  private final TrainingStore store;
  private Map<String, Long> rowsRejected = new TreeMap<>();
  private long rowsExcluded;
  private long batchesWithRows;
  private final List<BatchMetrics> history = new ArrayList<>();
  private final Map<String, ScoreHistogram> cumulative = new LinkedHashMap<>();
  private List<ArrestScorer> models = List.of();
  private boolean recovered;

  /**
   * @param topic  where the records come from, a label in the metrics
   * @param months the months they cover, a label in the metrics
   */
  public MicroBatchProcessor(String topic, List<String> months, LearningConfig config,
                             ModelTrainer trainer, JobCheckpoint checkpoint,
                             DeadLetterQueue deadLetters, List<MetricsSink> sinks, Clock clock) {
    this.topic = topic;
    this.months = List.copyOf(months);
    this.config = config;
    this.trainer = trainer;
    this.checkpoint = checkpoint;
    this.deadLetters = deadLetters;
    this.sinks = List.copyOf(sinks);
    this.clock = clock;
    this.encoder = new FeatureEncoder(config.features());
    this.store = new TrainingStore(config.window());
  }

  /** What one batch did, for the caller's progress tracking. */
  public record BatchOutcome(long batch, int records, int newRows, long rowsTotal, long rejectedTotal,
                             BatchMetrics metrics) {}

  public BatchOutcome process(long batchId, List<IncomingRecord> incoming) throws IOException {
    long start = System.nanoTime();
    recoverOnce(batchId);

    Stopwatch watch = new Stopwatch();
    Decoded decoded = decode(incoming);
    Accumulated accumulated = accumulate(decoded);
    deadLetters.send(accumulated.deadLetters());
    checkpoint.writeRows(batchId, accumulated.records());
    watch.lap("accumulate");

    BatchMetrics metrics = null;
    if (!accumulated.rows().isEmpty()) {
      Map<String, Double> thresholds = new LinkedHashMap<>();
      models.forEach(m -> thresholds.put(m.name(), threshold(m.name())));
      Map<String, ScoredRows> prequential = scoreWithModelsTrainedBefore(accumulated.rows());
      watch.lap("score");
      models = train();
      watch.lap("train");
      Map<String, ScoredRows> heldOut = evaluateOnHeldOutRows();
      watch.lap("evaluate");
      batchesWithRows++;
      metrics = batchMetrics(batchId, accumulated.rows().size(), prequential, heldOut, thresholds,
          watch.laps(), start);
      history.add(metrics);
      trimHistory();
    }
    checkpoint.writeState(state(batchId));
    publish();
    if (metrics != null) {
      LOG.info(describe(metrics));
    } else if (!incoming.isEmpty()) {
      LOG.info("batch {}: {} records, no new rows ({} rejected so far)", batchId, incoming.size(),
          rejectedTotal());
    }
    return new BatchOutcome(batchId, incoming.size(), accumulated.rows().size(), store.uniqueRows(),
        rejectedTotal(), metrics);
  }

  /** The report as published now. */
  public MetricsReport report() {
    return new MetricsReport(topic, months, config.features().id(),
        config.window().toString(), Map.copyOf(rowsRejected), rowsExcluded,
        batchesWithRows - history.size(), List.copyOf(history),
        MetricsReport.summarize(batchesWithRows, history, rowsRejected));
  }

  // ---- the steps -------------------------------------------------------------------------------

  private record Decoded(List<CrimeRecord> records, List<IncomingRecord> sources,
                         List<DeadLetter> deadLetters) {}

  /** Wire bytes to records; anything else to the dead letters with its reason. */
  private Decoded decode(List<IncomingRecord> incoming) {
    List<CrimeRecord> records = new ArrayList<>(incoming.size());
    List<IncomingRecord> sources = new ArrayList<>(incoming.size());
    List<DeadLetter> dead = new ArrayList<>();
    for (IncomingRecord in : incoming) {
      WireCodec.Decoded d = WireCodec.decode(in.value(), in.source());
      if (d instanceof WireCodec.Accepted a) {
        records.add(a.record());
        sources.add(in);
      } else {
        Rejection r = ((WireCodec.Rejected) d).rejection();
        dead.add(new DeadLetter(in.key(), in.value(), r));
      }
    }
    return new Decoded(records, sources, dead);
  }

  private record Accumulated(List<CrimeRecord> records, List<EncodedRow> rows,
                             List<DeadLetter> deadLetters) {}

  /** New rows into the store, once per id; duplicates become dead letters too. */
  private Accumulated accumulate(Decoded decoded) {
    List<CrimeRecord> accepted = new ArrayList<>();
    List<EncodedRow> rows = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>(decoded.deadLetters());
    for (int i = 0; i < decoded.records().size(); i++) {
      CrimeRecord r = decoded.records().get(i);
      IncomingRecord in = decoded.sources().get(i);
      if (config.excludeArrestRecordedTypes() && ArrestRecordedTypes.isArrestRecorded(r)) {
        rowsExcluded++;
        continue;
      }
      if (store.contains(r.id())) {
        dead.add(new DeadLetter(in.key(), in.value(), new Rejection(in.source(), 0,
            RejectReason.DUPLICATE_ID, null, "id " + r.id() + " was already trained on")));
        continue;
      }
      EncodedRow row = encoder.encode(r);
      store.add(row);
      accepted.add(r);
      rows.add(row);
    }
    for (DeadLetter d : dead) {
      rowsRejected.merge(d.rejection().key(), 1L, Long::sum);
    }
    if (!dead.isEmpty()) {
      LOG.debug("{} records rejected: {}", dead.size(), dead.stream()
          .collect(Collectors.groupingBy(d -> d.rejection().key(), TreeMap::new, Collectors.counting())));
    }
    return new Accumulated(accepted, rows, dead);
  }

  /** Test: the new rows scored by the models as they were before these rows arrived. */
  private Map<String, ScoredRows> scoreWithModelsTrainedBefore(List<EncodedRow> newRows) {
    Map<String, ScoredRows> scored = new LinkedHashMap<>();
    boolean[] labels = labels(newRows);
    for (ArrestScorer m : models) {
      ScoredRows s = new ScoredRows(m.score(newRows), labels);
      scored.put(m.name(), s);
      double threshold = threshold(m.name()); // decided before this batch joins the history
      cumulative.computeIfAbsent(m.name(), k -> new ScoreHistogram()).add(s, threshold);
    }
    return scored;
  }

  /** The model's decision threshold, from what it scored before now. */
  private double threshold(String model) {
    return config.decisionThreshold().thresholdGiven(cumulative.get(model));
  }

  /** ...then train: every selected model, and the rate baseline, on the window's training rows. */
  private List<ArrestScorer> train() {
    List<EncodedRow> training = store.trainingRows();
    if (training.size() < 2 || training.stream().allMatch(EncodedRow::arrest)
        || training.stream().noneMatch(EncodedRow::arrest)) {
      LOG.info("{} training rows, not both classes yet: models are trained once arrests and"
          + " non-arrests have both arrived", training.size());
      return models;
    }
    Map<?, TrainedModel> fitted = trainer.fit(training, config.models(),
        ModelFeatures.forTraining(encoder, training));
    List<ArrestScorer> out = new ArrayList<>();
    config.models().forEach(k -> out.add(fitted.get(k)));
    out.add(IucrRateBaseline.fit(training));
    return out;
  }

  private Map<String, ScoredRows> evaluateOnHeldOutRows() {
    List<EncodedRow> heldOut = store.heldOutRows();
    boolean[] labels = labels(heldOut);
    Map<String, ScoredRows> scored = new LinkedHashMap<>();
    for (ArrestScorer m : models) {
      scored.put(m.name(), new ScoredRows(m.score(heldOut), labels));
    }
    return scored;
  }

  private BatchMetrics batchMetrics(long batchId, int newRows, Map<String, ScoredRows> prequential,
                                    Map<String, ScoredRows> heldOut, Map<String, Double> thresholds,
                                    Map<String, Long> stageMillis, long startNanos) {
    Map<String, ModelMetrics> perModel = new LinkedHashMap<>();
    for (ArrestScorer m : models) {
      double t = thresholds.getOrDefault(m.name(), threshold(m.name()));
      ScoredRows pre = prequential.get(m.name());
      ScoreHistogram cum = cumulative.get(m.name());
      perModel.put(m.name(), ModelMetrics.of(
          BinaryMetrics.of(heldOut.get(m.name()), t),
          m.trainMillis(),
          pre == null ? null : BinaryMetrics.of(pre, t),
          cum == null ? null : cum.scores(), t));
    }
    long trainingRows = store.trainingRows().size();
    return new BatchMetrics(batchId, newRows, store.uniqueRows(), trainingRows,
        (System.nanoTime() - startNanos) / 1_000_000, Instant.now(clock).toString(), perModel,
        stageMillis);
  }

  private void publish() {
    MetricsReport report = report();
    for (MetricsSink sink : sinks) {
      try {
        sink.publish(report);
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not publish metrics to {}: {}", sink, e.getMessage());
      }
    }
  }

  // ---- restart -----------------------------------------------------------------------------------

  /**
   * On the first batch after a start, rebuild the store, counts and models from what earlier
   * batches checkpointed (see {@link JobCheckpoint}).
   */
  private void recoverOnce(long batchId) throws IOException {
    if (recovered) {
      return;
    }
    recovered = true;
    JobCheckpoint.Recovered r = checkpoint.recoverBefore(batchId);
    for (CrimeRecord record : r.rows()) {
      store.add(encoder.encode(record));
    }
    r.state().ifPresent(s -> {
      rowsRejected = new TreeMap<>(s.rowsRejected());
      rowsExcluded = s.rowsExcluded();
      batchesWithRows = s.batchesWithRows();
      history.addAll(s.history());
      s.cumulative().forEach((name, h) -> cumulative.put(name, ScoreHistogram.fromState(h)));
    });
    if (store.uniqueRows() > 0) {
      LOG.info("resuming at batch {} with {} rows trained before; retraining the models on them",
          batchId, store.uniqueRows());
      models = train();
    }
  }

  private JobState state(long batchId) {
    Map<String, ScoreHistogram.State> cum = new LinkedHashMap<>();
    cumulative.forEach((k, v) -> cum.put(k, v.state()));
    return new JobState(batchId, Map.copyOf(rowsRejected), rowsExcluded, batchesWithRows,
        List.copyOf(history), cum);
  }

  private void trimHistory() {
    while (history.size() > config.historyLimit()) {
      history.remove(1); // keep the first batch: charts start at the beginning
    }
  }

  private long rejectedTotal() {
    return rowsRejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Milliseconds per named stage of a batch, in order. */
  private static final class Stopwatch {
    private final Map<String, Long> laps = new LinkedHashMap<>();
    private long last = System.nanoTime();

    void lap(String stage) {
      long now = System.nanoTime();
      laps.put(stage, (now - last) / 1_000_000);
      last = now;
    }

    Map<String, Long> laps() {
      return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(laps));
    }
  }

  private static boolean[] labels(List<EncodedRow> rows) {
    boolean[] l = new boolean[rows.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = rows.get(i).arrest();
    }
    return l;
  }

  /** One line per batch: new rows, totals, and each model's held-out accuracy and AUC. */
  public static String describe(BatchMetrics b) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "batch %d: +%d rows, %d total (%d training), %d ms", b.batch(), b.rowsInBatch(), b.rowsTotal(),
        b.rowsTraining(), b.cycleMillis()));
    b.models().forEach((name, m) -> sb.append(String.format(Locale.ROOT, " | %s acc %s auc %s", name,
        fmt(m.accuracy()), fmt(m.areaUnderROC()))));
    return sb.toString();
  }

  private static String fmt(Double d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
  }

  @Override
  public void close() {
    trainer.close();
    deadLetters.close();
    sinks.forEach(MetricsSink::close);
  }
}
