package io.crimestream.job.pipeline;

import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.deadletter.DeadLetter;
import io.crimestream.job.deadletter.DeadLetterQueue;
import io.crimestream.job.eval.BinaryMetrics;
import io.crimestream.job.eval.ScoredRows;
import io.crimestream.job.features.EncodedRow;
import io.crimestream.job.features.FeatureEncoder;
import io.crimestream.job.features.ModelFeatures;
import io.crimestream.job.model.ArrestScorer;
import io.crimestream.job.model.FitOutcome;
import io.crimestream.job.model.IucrRateBaseline;
import io.crimestream.job.model.ModelTrainer;
import io.crimestream.job.sink.MetricsSink;
import io.crimestream.job.store.JobCheckpoint;
import io.crimestream.job.store.TrainingStore;
import io.crimestream.metrics.BatchLine;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.SourceAccount;
import io.crimestream.options.ModelKind;
import io.crimestream.record.ArrestRecordedTypes;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.RejectReason;
import io.crimestream.record.Rejection;
import io.crimestream.record.WireCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
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
 * as a list, so the report and benchmark commands drive it the same way the stream does. It runs
 * the steps; the books (counts, history, pooled scores) are the {@link StreamTally}'s and the
 * versions that score are the {@link ServingModels}'.
 */
public final class MicroBatchProcessor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);

  private final LearningConfig config;
  private final ModelTrainer trainer;
  private final JobCheckpoint checkpoint;
  private final DeadLetterQueue deadLetters;
  private final List<MetricsSink> sinks;
  private final Clock clock;

  private final FeatureEncoder encoder;
  private final TrainingStore store;
  private final StreamTally tally;
  private final ServingModels serving;
  private boolean recovered;

  private MicroBatchProcessor(Builder b) {
    this.config = b.learning;
    this.trainer = new ModelTrainer(b.spark, config.modelOptions(), config.models().size());
    this.checkpoint = new JobCheckpoint(b.checkpointDir);
    this.deadLetters = b.deadLetters;
    this.sinks = List.copyOf(b.sinks);
    this.clock = b.clock;
    this.encoder = new FeatureEncoder(config.features());
    this.store = new TrainingStore(config.window());
    this.tally = new StreamTally(new StreamTally.Labels(b.topic, b.months, config.features().id(),
        config.window().toString()), config.historyLimit());
    this.serving = new ServingModels(config.models());
  }

  /**
   * A processor that learns as {@code learning} says, fitting on {@code spark}, and keeps its
   * checkpoint under {@code checkpointDir}.
   */
  public static Builder builder(SparkSession spark, LearningConfig learning, Path checkpointDir) {
    return new Builder(spark, learning, checkpointDir);
  }

  /** What one batch did, for the caller's progress tracking. */
  public record BatchOutcome(long batch, int records, int newRows, long rowsTotal, long rejectedTotal,
                             BatchMetrics metrics) {}

  /**
   * Runs the steps on one micro-batch.
   *
   * @throws InterruptedException when the job is stopping mid-batch; the batch's checkpoint files
   *     are then those of an attempt that did not commit, which the next start drops
   */
  public BatchOutcome process(long batchId, List<IncomingRecord> incoming)
      throws IOException, InterruptedException {
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
      // decided once, before this batch's scores join the pool
      Map<String, Double> thresholds = tally.thresholds(scorerNames(), config.decisionThreshold());
      Map<String, ScoredRows> prequential = scoreWithModelsTrainedBefore(accumulated.rows(), thresholds);
      watch.lap("score");
      train();
      watch.lap("train");
      Map<String, ScoredRows> heldOut = evaluateOnHeldOutRows();
      watch.lap("evaluate");
      metrics = batchMetrics(batchId, accumulated.rows().size(), prequential, heldOut, thresholds,
          watch.laps(), start);
      tally.addBatch(metrics);
    }
    checkpoint.writeState(tally.state(batchId));
    publish();
    if (metrics != null) {
      LOG.info(BatchLine.of(metrics));
    } else if (!incoming.isEmpty()) {
      LOG.info("batch {}: {} records, no new rows ({} rejected so far)", batchId, incoming.size(),
          tally.rejectedTotal());
    }
    return new BatchOutcome(batchId, incoming.size(), accumulated.rows().size(), store.uniqueRows(),
        tally.rejectedTotal(), metrics);
  }

  /** The report as published now. */
  public MetricsReport report() {
    return tally.report();
  }

  /**
   * Where the source's lines went (known to a local run once its producer is done): part of
   * every report published from now on.
   */
  public void recordSource(SourceAccount account) {
    tally.source(account);
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
        tally.excluded();
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
    dead.forEach(d -> tally.rejected(d.rejection().key()));
    if (!dead.isEmpty()) {
      LOG.debug("{} records rejected: {}", dead.size(), dead.stream()
          .collect(Collectors.groupingBy(d -> d.rejection().key(), java.util.TreeMap::new,
              Collectors.counting())));
    }
    return new Accumulated(accepted, rows, dead);
  }

  /** Test: the new rows scored by the models as they were before these rows arrived. */
  private Map<String, ScoredRows> scoreWithModelsTrainedBefore(List<EncodedRow> newRows,
                                                               Map<String, Double> thresholds) {
    Map<String, ScoredRows> scored = new LinkedHashMap<>();
    boolean[] labels = labels(newRows);
    for (ArrestScorer m : serving.scorers()) {
      ScoredRows s = new ScoredRows(m.score(newRows), labels);
      scored.put(m.name(), s);
      tally.addPrequential(m.name(), s, thresholds.get(m.name()));
    }
    return scored;
  }

  /**
   * ...then train: every selected model, and the rate baseline, on the window's training rows. A
   * model that cannot learn from them this time keeps its previous version.
   */
  private void train() throws InterruptedException {
    List<EncodedRow> training = store.trainingRows();
    ModelFeatures features = ModelFeatures.forTraining(encoder, training);
    Map<ModelKind, FitOutcome> outcomes = trainer.fit(training, config.models(), features);
    serving.update(outcomes, training.isEmpty() ? null : IucrRateBaseline.fit(training));
    outcomes.values().stream()
        .filter(o -> o instanceof FitOutcome.Skipped)
        .forEach(o -> LOG.info("{} not fitted on this batch: {}", o.kind().id(),
            ((FitOutcome.Skipped) o).reason()));
  }

  private Map<String, ScoredRows> evaluateOnHeldOutRows() {
    List<EncodedRow> heldOut = store.heldOutRows();
    boolean[] labels = labels(heldOut);
    Map<String, ScoredRows> scored = new LinkedHashMap<>();
    for (ArrestScorer m : serving.scorers()) {
      scored.put(m.name(), new ScoredRows(m.score(heldOut), labels));
    }
    return scored;
  }

  private BatchMetrics batchMetrics(long batchId, int newRows, Map<String, ScoredRows> prequential,
                                    Map<String, ScoredRows> heldOut, Map<String, Double> thresholds,
                                    Map<String, Long> stageMillis, long startNanos) {
    Map<String, ModelMetrics> perModel = new LinkedHashMap<>();
    for (ModelKind kind : config.models()) {
      Optional<String> skipped = serving.skipReason(kind);
      Optional<ArrestScorer> version = serving.version(kind);
      if (version.isPresent()) {
        ModelMetrics m = figures(version.get(), prequential, heldOut, thresholds);
        perModel.put(kind.id(), skipped.map(m::withSkipped).orElse(m));
      } else {
        skipped.ifPresent(reason -> perModel.put(kind.id(), ModelMetrics.skippedWithoutVersion(reason)));
      }
    }
    serving.baseline().ifPresent(b -> perModel.put(b.name(), figures(b, prequential, heldOut, thresholds)));
    return new BatchMetrics(batchId, newRows, store.uniqueRows(), store.trainingRows().size(),
        (System.nanoTime() - startNanos) / 1_000_000, Instant.now(clock).toString(), perModel,
        stageMillis);
  }

  private ModelMetrics figures(ArrestScorer m, Map<String, ScoredRows> prequential,
                               Map<String, ScoredRows> heldOut, Map<String, Double> thresholds) {
    double t = thresholds.get(m.name());
    ScoredRows pre = prequential.get(m.name());
    return ModelMetrics.of(BinaryMetrics.of(heldOut.get(m.name()), t), m.trainMillis(),
        pre == null ? null : BinaryMetrics.of(pre, t), tally.cumulativeScores(m.name()), t);
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
  private void recoverOnce(long batchId) throws IOException, InterruptedException {
    if (recovered) {
      return;
    }
    JobCheckpoint.Recovered r = checkpoint.recoverBefore(batchId);
    for (CrimeRecord record : r.rows()) {
      store.add(encoder.encode(record));
    }
    r.state().ifPresent(tally::restore);
    recovered = true;
    if (store.uniqueRows() > 0) {
      LOG.info("resuming at batch {} with {} rows trained before; retraining the models on them",
          batchId, store.uniqueRows());
      train();
    }
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
      return Collections.unmodifiableMap(new LinkedHashMap<>(laps));
    }
  }

  /** Every name a scorer of this stream can have: the selected models and the baseline. */
  private List<String> scorerNames() {
    List<String> names = new ArrayList<>();
    config.models().forEach(k -> names.add(k.id()));
    names.add(ModelKind.IUCR_RATE_BASELINE);
    return names;
  }

  private static boolean[] labels(List<EncodedRow> rows) {
    boolean[] l = new boolean[rows.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = rows.get(i).arrest();
    }
    return l;
  }

  @Override
  public void close() {
    trainer.close();
    deadLetters.close();
    sinks.forEach(MetricsSink::close);
  }

  /** Where the records come from and where the processor writes; {@link #build()} wires it. */
  public static final class Builder {
    private final SparkSession spark;
    private final LearningConfig learning;
    private final Path checkpointDir;
    private String topic = "";
    private List<String> months = List.of();
    private DeadLetterQueue deadLetters = DeadLetterQueue.NONE;
    private List<MetricsSink> sinks = List.of();
    private Clock clock = Clock.systemUTC();

    private Builder(SparkSession spark, LearningConfig learning, Path checkpointDir) {
      this.spark = Objects.requireNonNull(spark, "spark");
      this.learning = Objects.requireNonNull(learning, "learning");
      this.checkpointDir = Objects.requireNonNull(checkpointDir, "checkpointDir");
    }

    /** Where the records come from: a label in the metrics. */
    public Builder topic(String v) { topic = v; return this; }
    /** The months they cover: a label in the metrics. */
    public Builder months(List<String> v) { months = List.copyOf(v); return this; }
    public Builder deadLetters(DeadLetterQueue v) { deadLetters = v; return this; }
    public Builder sinks(List<MetricsSink> v) { sinks = List.copyOf(v); return this; }
    public Builder clock(Clock v) { clock = v; return this; }

    public MicroBatchProcessor build() {
      return new MicroBatchProcessor(this);
    }
  }
}
