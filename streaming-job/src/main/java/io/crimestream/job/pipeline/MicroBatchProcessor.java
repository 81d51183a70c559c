package io.crimestream.job.pipeline;

import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.deadletter.DeadLetter;
import io.crimestream.job.deadletter.DeadLetterQueue;
import io.crimestream.job.drift.DriftMonitor;
import io.crimestream.job.eval.BinaryMetrics;
import io.crimestream.job.eval.ScoredRows;
import io.crimestream.job.features.ArrestRates;
import io.crimestream.job.features.EncodedRow;
import io.crimestream.job.features.FeatureEncoder;
import io.crimestream.job.features.ModelFeatures;
import io.crimestream.job.model.ArrestScorer;
import io.crimestream.job.model.FitOutcome;
import io.crimestream.job.model.IucrRateBaseline;
import io.crimestream.job.model.ModelTrainer;
import io.crimestream.job.model.SparkJobCounter;
import io.crimestream.job.model.TrainedModel;
import io.crimestream.job.predictions.PredictionSink;
import io.crimestream.job.predictions.SourcedPrediction;
import io.crimestream.job.registry.FeatureState;
import io.crimestream.job.registry.ModelRegistry;
import io.crimestream.job.registry.RegistryIndex;
import io.crimestream.job.registry.RegistryWriter;
import io.crimestream.job.sink.MetricsSink;
import io.crimestream.job.store.JobCheckpoint;
import io.crimestream.job.store.JobState;
import io.crimestream.job.store.TrainingStore;
import io.crimestream.metrics.BatchLine;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.Champion;
import io.crimestream.metrics.ChampionEvent;
import io.crimestream.metrics.DriftEvent;
import io.crimestream.metrics.DriftReport;
import io.crimestream.metrics.DriftStatus;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Prediction;
import io.crimestream.metrics.Scores;
import io.crimestream.metrics.SourceAccount;
import io.crimestream.options.ModelKind;
import io.crimestream.record.ArrestRecordedTypes;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.RecordKey;
import io.crimestream.record.RejectReason;
import io.crimestream.record.Rejection;
import io.crimestream.record.WireCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job does with each micro-batch, as a pipeline of named steps:
 *
 * <pre>
 * decode → dead-letter the rejected → accumulate (dedup, window; history apart) → checkpoint the rows
 *        → score the new rows with the models trained before them (prequential: test...)
 *        → publish the champion's predictions → choose the champion → watch for drift
 *        → train on the accumulated rows (...then train) → evaluate on the held-out rows
 *        → save the versions to the registry (in the background, see RegistryWriter) → publish the metrics
 * </pre>
 *
 * <p>Kafka and Spark's streaming machinery stay outside: the processor takes the batch's records
 * as a list, so the report and benchmark commands drive it the same way the stream does. It runs
 * the steps; the books (counts, history, pooled scores) are the {@link StreamTally}'s, the
 * versions that score are the {@link ServingModels}', which of them publishes predictions
 * is the {@link ChampionPolicy}'s, and whether the stream changed is the {@link DriftMonitor}'s.
 */
public final class MicroBatchProcessor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);

  private final LearningConfig config;
  private final SparkSession spark;
  private final ModelTrainer trainer;
  private final JobCheckpoint checkpoint;
  private final DeadLetterQueue deadLetters;
  private final List<MetricsSink> sinks;
  private final List<PredictionSink> predictionSinks;
  private final ModelRegistry registry;
  /** Writes {@link #registry} in the background, after the batch; null without a registry. */
  private final RegistryWriter registryWriter;
  private final Path initialModels;
  private final Clock clock;

  private FeatureEncoder encoder;
  private final TrainingStore store;
  private final StreamTally tally;
  private final ServingModels serving;
  private final ChampionPolicy champion;
  private final DriftMonitor drift;
  private final LearningSteps steps;
  private boolean recovered;

  private MicroBatchProcessor(Builder b) {
    this.config = b.learning;
    this.spark = b.spark;
    this.trainer = new ModelTrainer(b.spark, config.modelOptions(), config.models().size());
    this.checkpoint = new JobCheckpoint(b.checkpointDir);
    this.deadLetters = b.deadLetters;
    this.sinks = List.copyOf(b.sinks);
    this.predictionSinks = List.copyOf(b.predictions);
    this.registry = b.registry;
    this.registryWriter = b.registry == null ? null : new RegistryWriter(b.registry);
    this.initialModels = b.initialModels;
    this.clock = b.clock;
    this.encoder = new FeatureEncoder(config.features());
    this.store = new TrainingStore(config.window());
    this.tally = new StreamTally(new StreamTally.Labels(b.topic, b.months, config.features().id(),
        config.window().toString()), config.historyLimit());
    this.serving = new ServingModels(config.models());
    this.champion = new ChampionPolicy(config.champion());
    this.drift = new DriftMonitor(config.drift());
    this.steps = b.steps;
  }

  /**
   * A processor that learns as {@code learning} says, fitting on {@code spark}, and keeps its
   * checkpoint under {@code checkpointDir}.
   */
  public static Builder builder(SparkSession spark, LearningConfig learning, Path checkpointDir) {
    return new Builder(spark, learning, checkpointDir);
  }

  /**
   * What one batch did, for the caller's progress tracking and monitoring.
   *
   * @param metrics the batch's figures; {@code null} when it brought no new rows
   * @param report  the report as published after it
   */
  public record BatchOutcome(long batch, int records, int newRows, long rowsTotal, long rejectedTotal,
                             BatchMetrics metrics, MetricsReport report) {}

  /**
   * Runs the steps on one micro-batch.
   *
   * @throws InterruptedException when the job is stopping mid-batch; the batch's checkpoint files
   *     are then those of an attempt that did not commit, which the next start drops
   */
  public synchronized BatchOutcome process(long batchId, List<IncomingRecord> incoming)
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
      int fits = 0;
      if (accumulated.history() > 0 && !accumulated.streamed().isEmpty()) {
        // history first: the stream rows of the same batch are scored by models that learned it
        fitSaveAndChoose(batchId, fits++);
      }
      // a large micro-batch (the job behind its topic) is learned in steps, each scored by the
      // models trained before it (see LearningSteps); a small one is one step
      List<StreamedRow> left = accumulated.streamed();
      int newRows = accumulated.rows().size() - left.size(); // the history rows go with the first step
      do {
        int take = Math.min(left.size(), steps.rows(store.uniqueRows()));
        List<StreamedRow> step = left.subList(0, take);
        left = left.subList(take, left.size());
        newRows += step.size();
        metrics = learnStep(batchId, fits++, step, newRows, watch, start, incoming.size());
        newRows = 0;
        watch = new Stopwatch();
        start = System.nanoTime();
      } while (!left.isEmpty());
    }
    checkpoint.writeState(tally.state(batchId, champion.state(), drift.state(), store.resets()));
    MetricsReport report = publish();
    if (metrics != null) {
      LOG.info(BatchLine.of(metrics));
    } else if (!incoming.isEmpty()) {
      LOG.info("batch {}: {} records, no new rows ({} rejected so far)", batchId, incoming.size(),
          tally.rejectedTotal());
    }
    return new BatchOutcome(batchId, incoming.size(), accumulated.rows().size(), store.uniqueRows(),
        tally.rejectedTotal(), metrics, report);
  }

  /** Test, then train: one step of a micro-batch's stream rows; its figures. */
  private BatchMetrics learnStep(long batchId, int fit, List<StreamedRow> streamed, int newRows, Stopwatch watch,
                                 long start, int records) throws IOException, InterruptedException {
    // decided once, before this step's scores join the pool
    Map<String, Double> thresholds = tally.thresholds(scorerNames(), config.decisionThreshold());
    Scored scored = scoreWithModelsTrainedBefore(streamed, thresholds);
    publishPredictions(batchId, streamed, scored, thresholds);
    if (!streamed.isEmpty()) {
      champion.observe(batchId, learnedOnly(scored.latest()), serving.latestVersions(),
          scored.shadow(), scored.shadowVersion());
      followChampion(); // a rollback freezes the version before the latest: still at hand now
    }
    DriftMonitor.Observed changes = watchForDrift(batchId, streamed, scored, thresholds);
    streamed.forEach(r -> store.add(r.row()));
    restartWindowOnDrift(changes);
    watch.lap("score");
    Map<String, ScoredRows> heldOut = fitSaveAndChoose(batchId, fit, watch);
    BatchMetrics metrics = batchMetrics(batchId, newRows, scored.latest(), heldOut, thresholds,
        watch.laps(), start, changes.statuses(), records);
    tally.addBatch(metrics);
    return metrics;
  }

  /**
   * The Spark jobs run since the last call, per step: each model's fit (by its id), the
   * training frame, {@code save}, and {@code other}. For the benchmark and profiling.
   */
  public Map<String, Long> sparkJobsSinceLastAsked() {
    return trainer.sparkJobsSinceLastAsked();
  }

  /**
   * Waits at most {@code timeout} for the registry's writes of the batches processed so far (a
   * stop: Spark's own shutdown, which the save's jobs need, comes after it); whether they ended.
   */
  public boolean awaitSaved(Duration timeout) throws InterruptedException {
    if (registryWriter == null) {
      return true;
    }
    try {
      return registryWriter.awaitWritten(timeout);
    } catch (IOException e) {
      LOG.warn("{}", e.getMessage());
      return false;
    }
  }

  /** The report as published now. */
  public synchronized MetricsReport report() {
    return tally.report(currentChampion().orElse(null), champion.events(),
        new DriftReport(drift.detections(), drift.events()));
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

  /** Trains, evaluates, saves the new versions and picks the first champion: the learning half. */
  private Map<String, ScoredRows> fitSaveAndChoose(long batchId, int fit) throws IOException, InterruptedException {
    return fitSaveAndChoose(batchId, fit, null);
  }

  private Map<String, ScoredRows> fitSaveAndChoose(long batchId, int fit, Stopwatch watch)
      throws IOException, InterruptedException {
    Map<ModelKind, ServingModels.Versioned> fitted = train();
    lap(watch, "train");
    Map<String, ScoredRows> heldOut = evaluateOnHeldOutRows();
    lap(watch, "evaluate");
    if (champion.champion().isEmpty()) {
      Map<String, Double> aucs = new LinkedHashMap<>();
      heldOut.forEach((name, rows) -> aucs.put(name, BinaryMetrics.of(rows, 0.5).areaUnderROC()));
      champion.initial(batchId, aucs, serving.latestVersions());
    }
    followChampion();
    saveVersions(batchId, fit, fitted, heldOut);
    lap(watch, "save"); // the wait for the previous batch's save: this one's runs in the background
    return heldOut;
  }

  private static void lap(Stopwatch watch, String stage) {
    if (watch != null) {
      watch.lap(stage);
    }
  }

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

  /** A new row of the stream (not history): it is scored and gets a prediction. */
  private record StreamedRow(CrimeRecord record, EncodedRow row, IncomingRecord source) {}

  /**
   * @param streamed the batch's stream rows, scored before they join the store
   * @param history  how many history rows joined the store
   */
  private record Accumulated(List<CrimeRecord> records, List<EncodedRow> rows, List<StreamedRow> streamed,
                             int history, List<DeadLetter> deadLetters) {}

  /**
   * New rows, once per id (duplicates become dead letters too): history rows into the store at
   * once, stream rows once they are scored.
   */
  private Accumulated accumulate(Decoded decoded) {
    List<CrimeRecord> accepted = new ArrayList<>();
    List<EncodedRow> rows = new ArrayList<>();
    List<StreamedRow> streamed = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>(decoded.deadLetters());
    java.util.Set<Long> inThisBatch = new java.util.HashSet<>();
    int history = 0;
    for (int i = 0; i < decoded.records().size(); i++) {
      CrimeRecord r = decoded.records().get(i);
      IncomingRecord in = decoded.sources().get(i);
      if (config.excludeArrestRecordedTypes() && ArrestRecordedTypes.isArrestRecorded(r)) {
        tally.excluded();
        continue;
      }
      if (store.contains(r.id()) || !inThisBatch.add(r.id())) {
        dead.add(new DeadLetter(in.key(), in.value(), new Rejection(in.source(), 0,
            RejectReason.DUPLICATE_ID, null, RecordKey.describe(r.id()) + " was already trained on")));
        continue;
      }
      EncodedRow row = encoder.encode(r);
      accepted.add(r);
      rows.add(row);
      if (in.history()) {
        store.add(row);
        history++;
      } else {
        streamed.add(new StreamedRow(r, row, in));
      }
    }
    tally.history(history);
    dead.forEach(d -> tally.rejected(d.rejection().key()));
    if (!dead.isEmpty()) {
      LOG.debug("{} records rejected: {}", dead.size(), dead.stream()
          .collect(Collectors.groupingBy(d -> d.rejection().key(), java.util.TreeMap::new,
              Collectors.counting())));
    }
    return new Accumulated(accepted, rows, streamed, history, dead);
  }

  /**
   * The batch's stream rows scored by every model's latest version, and by the champion's other
   * version (the one before its latest, or the frozen one it serves after a rollback).
   */
  private record Scored(Map<String, ScoredRows> latest, ScoredRows shadow, Integer shadowVersion) {}

  /** Test: the new rows scored by the models as they were before these rows arrived. */
  private Scored scoreWithModelsTrainedBefore(List<StreamedRow> newRows, Map<String, Double> thresholds)
      throws IOException {
    Map<String, ScoredRows> scored = new LinkedHashMap<>();
    List<EncodedRow> rows = newRows.stream().map(StreamedRow::row).toList();
    boolean[] labels = labels(rows);
    if (rows.isEmpty()) {
      return new Scored(scored, null, null);
    }
    for (ArrestScorer m : serving.scorers()) {
      ScoredRows s = new ScoredRows(m.score(rows), labels);
      scored.put(m.name(), s);
      tally.addPrequential(m.name(), s, thresholds.get(m.name()));
    }
    if (registryWriter != null) {
      for (var e : serving.latestVersions().entrySet()) {
        String model = e.getKey();
        int version = e.getValue();
        if (scored.containsKey(model)) {
          Scores figures = BinaryMetrics.of(scored.get(model), thresholds.get(model));
          registryWriter.submit(r -> r.recordPrequential(model, version, figures));
        }
      }
    }
    Optional<ServingModels.Versioned> shadow = championShadow();
    ScoredRows shadowScores = shadow.map(v -> new ScoredRows(v.model().score(rows), labels)).orElse(null);
    return new Scored(scored, shadowScores, shadow.map(ServingModels.Versioned::version).orElse(null));
  }

  /** The champion's version beside its latest: the frozen one when rolled back, else the previous. */
  private Optional<ServingModels.Versioned> championShadow() {
    Optional<ModelKind> kind = champion.champion().map(ModelKind::parse);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    return serving.frozen().isPresent() ? serving.frozen() : serving.previous(kind.get());
  }

  /**
   * The batch's stream rows, in order, to the drift detectors: their labels (the arrest rate) and
   * each learned model's prequential errors. Positions count the rows learned before each.
   */
  private DriftMonitor.Observed watchForDrift(long batchId, List<StreamedRow> rows, Scored scored,
                                              Map<String, Double> thresholds) {
    boolean[] labels = labels(rows.stream().map(StreamedRow::row).toList());
    Map<String, double[]> errors = new LinkedHashMap<>();
    learnedOnly(scored.latest()).forEach((model, s) -> errors.put(model, s.scores()));
    DriftMonitor.Observed changes = drift.observe(batchId, labels, errors, thresholds, store.added());
    changes.events().forEach(e -> LOG.warn("drift detected by {} in batch {}: statistic {} over {}; the"
        + " change began after row {}{}", e.detector(), batchId, String.format("%.1f", e.statistic()),
        config.drift().threshold(), e.changePoint(),
        config.drift().resetWindow() ? ": the training window restarts there" : ""));
    return changes;
  }

  /** With {@code --on-drift reset-window}: the window forgets what came before the earliest change. */
  private void restartWindowOnDrift(DriftMonitor.Observed changes) {
    if (!config.drift().resetWindow() || changes.events().isEmpty()) {
      return;
    }
    long from = changes.events().stream().mapToLong(DriftEvent::changePoint).min().orElseThrow();
    int dropped = store.dropBefore(from);
    LOG.info("training window restarted at row {}: {} earlier rows dropped, {} kept", from, dropped,
        store.trainingRows().size() + store.heldOutRows().size());
  }

  /**
   * Every streamed row's prediction, from the champion's serving version, with every model's
   * score beside it; published before the batch is learned from.
   */
  private void publishPredictions(long batchId, List<StreamedRow> rows, Scored scored,
                                  Map<String, Double> thresholds) throws IOException {
    if (rows.isEmpty() || predictionSinks.isEmpty()) {
      return;
    }
    Optional<Champion> serves = currentChampion();
    ScoredRows championScores = serves.isEmpty() ? null
        : serving.frozen().isPresent() ? scored.shadow() : scored.latest().get(serves.get().model());
    String now = Instant.now(clock).toString();
    List<SourcedPrediction> out = new ArrayList<>(rows.size());
    int withoutModel = 0;
    for (int i = 0; i < rows.size(); i++) {
      StreamedRow r = rows.get(i);
      Map<String, Double> all = new LinkedHashMap<>();
      for (var e : scored.latest().entrySet()) {
        all.put(e.getKey(), e.getValue().scores()[i]);
      }
      Prediction p;
      if (championScores == null) {
        withoutModel++;
        p = new Prediction(RecordKey.text(r.record().id()), DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
            r.record().date()), null, null, null, null, null, batchId, now, all.isEmpty() ? null : all);
      } else {
        double probability = championScores.scores()[i];
        double threshold = thresholds.get(serves.get().model());
        p = new Prediction(RecordKey.text(r.record().id()), DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
            r.record().date()), probability, probability >= threshold, threshold, serves.get().model(),
            serves.get().version(), batchId, now, all);
      }
      out.add(new SourcedPrediction(p, r.source()));
    }
    for (PredictionSink sink : predictionSinks) {
      sink.publish(batchId, out);
    }
    tally.predicted(out.size(), withoutModel);
  }

  /**
   * ...then train: every selected model, and the rate baseline, on the window's training rows. A
   * model that cannot learn from them this time keeps its previous version. Returns the new
   * versions.
   */
  private Map<ModelKind, ServingModels.Versioned> train() throws InterruptedException {
    List<EncodedRow> training = store.trainingRows();
    ModelFeatures features = ModelFeatures.forTraining(encoder, training);
    Map<ModelKind, TrainedModel> previous = new java.util.EnumMap<>(ModelKind.class);
    config.models().forEach(k -> serving.latest(k).ifPresent(v -> previous.put(k, v.model())));
    Map<ModelKind, FitOutcome> outcomes = trainer.fit(training, config.models(), features, previous);
    Map<ModelKind, ServingModels.Versioned> fitted = serving.update(outcomes,
        training.isEmpty() ? null : IucrRateBaseline.fit(training));
    outcomes.values().stream()
        .filter(o -> o instanceof FitOutcome.Skipped)
        .forEach(o -> LOG.info("{} not fitted on this batch: {}", o.kind().id(),
            ((FitOutcome.Skipped) o).reason()));
    return fitted;
  }

  /** The champion serves its frozen version after a rollback, else its latest: what to score with. */
  private void followChampion() {
    Optional<Integer> frozen = champion.frozenVersion();
    Optional<ModelKind> kind = champion.champion().map(ModelKind::parse);
    if (frozen.isEmpty() || kind.isEmpty()) {
      serving.freeze(null);
      return;
    }
    if (serving.frozen().map(v -> v.version() == frozen.get()).orElse(false)) {
      return;
    }
    // rolled back just now: the version before the latest is the one that did better
    serving.previous(kind.get()).filter(v -> v.version() == frozen.get()).ifPresentOrElse(serving::freeze,
        () -> loadFrozen(kind.get(), frozen.get()));
  }

  /** After a restart, the frozen version comes back from the registry. */
  private void loadFrozen(ModelKind kind, int version) {
    if (registry == null) {
      return;
    }
    try {
      registryWriter.awaitWritten();
      serving.freeze(new ServingModels.Versioned(registry.load(kind, version).model(), version));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("the frozen version {} of {} cannot be loaded ({}): the latest version serves", version,
          kind.id(), e.getMessage());
    }
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

  /**
   * The batch's new versions into the registry, with their feature state; the champion recorded.
   * What they need is taken now; the writing is the {@link RegistryWriter}'s, in the background.
   */
  private void saveVersions(long batchId, int fit, Map<ModelKind, ServingModels.Versioned> fitted,
                            Map<String, ScoredRows> heldOut) throws IOException, InterruptedException {
    if (registryWriter == null) {
      return;
    }
    Map<ModelKind, TrainedModel> models = new LinkedHashMap<>();
    Map<ModelKind, Scores> heldOutScores = new LinkedHashMap<>();
    Map<ModelKind, Double> next = new LinkedHashMap<>();
    FeatureState features = null;
    if (!fitted.isEmpty()) {
      Map<String, Double> thresholds = tally.thresholds(scorerNames(), config.decisionThreshold());
      fitted.forEach((kind, v) -> {
        models.put(kind, v.model());
        next.put(kind, thresholds.get(kind.id()));
        heldOutScores.put(kind, BinaryMetrics.of(heldOut.get(kind.id()), thresholds.get(kind.id())));
      });
      ArrestRates rates = serving.baseline().map(b -> ((IucrRateBaseline) b).rates()).orElseThrow();
      features = new FeatureState(encoder.state(), rates.state()); // the rates are not changed after their fit
    }
    FeatureState scoredWith = features;
    int trainingRows = store.trainingRows().size();
    Instant now = Instant.now(clock);
    Optional<Champion> serves = currentChampion();
    Integer previous = serves.flatMap(c -> serving.previous(ModelKind.parse(c.model())))
        .map(ServingModels.Versioned::version).orElse(null);
    List<ChampionEvent> events = champion.events();
    SparkContext sc = spark.sparkContext();
    registryWriter.submitSave(r -> {
      // on the writer's thread, which carries no batch's Spark properties (see RegistryWriter)
      sc.setLocalProperty(SparkJobCounter.STEP, "save");
      try {
        r.save(batchId, fit, models, scoredWith, heldOutScores, next, trainingRows, now);
        r.recordChampion(serves.orElse(null), previous, events);
      } finally {
        sc.setLocalProperty(SparkJobCounter.STEP, null);
      }
    });
  }

  /** The champion and the version that serves its predictions. */
  private Optional<Champion> currentChampion() {
    Optional<ModelKind> kind = champion.champion().map(ModelKind::parse);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Optional<ServingModels.Versioned> v = serving.frozen().isPresent() ? serving.frozen() : serving.latest(kind.get());
    return v.map(x -> new Champion(kind.get().id(), x.version(), champion.since(), serving.frozen().isPresent()));
  }

  private BatchMetrics batchMetrics(long batchId, int newRows, Map<String, ScoredRows> prequential,
                                    Map<String, ScoredRows> heldOut, Map<String, Double> thresholds,
                                    Map<String, Long> stageMillis, long startNanos,
                                    Map<String, DriftStatus> driftStatuses, int records) {
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
        stageMillis, driftStatuses, (long) records);
  }

  private ModelMetrics figures(ArrestScorer m, Map<String, ScoredRows> prequential,
                               Map<String, ScoredRows> heldOut, Map<String, Double> thresholds) {
    double t = thresholds.get(m.name());
    ScoredRows pre = prequential.get(m.name());
    return ModelMetrics.of(BinaryMetrics.of(heldOut.get(m.name()), t), m.trainMillis(),
        pre == null ? null : BinaryMetrics.of(pre, t), tally.cumulativeScores(m.name()), t);
  }

  private MetricsReport publish() {
    MetricsReport report = report();
    for (MetricsSink sink : sinks) {
      try {
        sink.publish(report);
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not publish metrics to {}: {}", sink, e.getMessage());
      }
    }
    return report;
  }

  // ---- restart -----------------------------------------------------------------------------------

  /**
   * On the first batch after a start, rebuild the store, counts and models from what earlier
   * batches checkpointed (see {@link JobCheckpoint}) and the registry kept: the restarted job
   * scores its first batch with the versions it had, its champion's included.
   */
  private void recoverOnce(long batchId) throws IOException, InterruptedException {
    if (recovered) {
      return;
    }
    JobCheckpoint.Recovered r = checkpoint.recoverBefore(batchId);
    if (registry != null) {
      registry.recoverBefore(batchId);
    }
    Optional<ModelRegistry> initial = initialRegistry();
    Optional<FeatureState> base = latestFeatures(initial);
    if (base.isPresent()) {
      encoder = FeatureEncoder.restore(base.get().encoder());
    }
    List<TrainingStore.WindowReset> resets = r.state().map(JobState::windowResets).orElse(null);
    FeatureEncoder encoding = encoder;
    // encoded as the store takes them: one checkpointed batch in memory at a time
    Iterable<EncodedRow> encoded = () -> java.util.stream.StreamSupport.stream(r.rows().spliterator(), false)
        .map(encoding::encode).iterator();
    store.replay(encoded, resets == null ? List.of() : resets);
    r.state().ifPresent(tally::restore);
    r.state().ifPresent(s -> champion.restore(s.champion()));
    r.state().ifPresent(s -> drift.restore(s.drift()));
    recovered = true;
    boolean loaded = loadVersions(registry, false) || initial.map(i -> loadVersions(i, true)).orElse(false);
    if (store.uniqueRows() > 0 && !loaded) {
      LOG.info("resuming at batch {} with {} rows trained before; retraining the models on them",
          batchId, store.uniqueRows());
      train();
    } else if (store.uniqueRows() > 0) {
      LOG.info("resuming at batch {} with {} rows trained before and the registry's latest versions",
          batchId, store.uniqueRows());
      List<EncodedRow> training = store.trainingRows();
      if (!training.isEmpty()) {
        serving.baseline(IucrRateBaseline.fit(training));
      }
    }
    followChampion();
  }

  private Optional<ModelRegistry> initialRegistry() throws IOException {
    if (initialModels == null) {
      return Optional.empty();
    }
    if (ModelRegistry.read(initialModels).isEmpty()) {
      throw new IOException("--initial-models " + initialModels + " holds no " + ModelRegistry.INDEX
          + ": name the models folder of an earlier run (the one with registry.json)");
    }
    return Optional.of(ModelRegistry.open(initialModels));
  }

  /**
   * The encoder's state to go on from: the job's own registry's latest (it reflects every row up
   * to it), else the initial registry's champion's; the checkpointed rows are encoded on top.
   */
  private Optional<FeatureState> latestFeatures(Optional<ModelRegistry> initial) throws IOException {
    if (registry != null) {
      Optional<ModelRegistry.LoadedVersion> own = latestSaved(registry);
      if (own.isPresent()) {
        return Optional.of(own.get().features());
      }
    }
    if (initial.isPresent()) {
      Optional<Champion> c = initial.get().champion();
      if (c.isPresent()) {
        FeatureState f = initial.get().load(ModelKind.parse(c.get().model()), c.get().version()).features();
        if (f.encoder().featureSet() != config.features()) {
          throw new IOException("--initial-models " + initialModels + " was trained on the "
              + f.encoder().featureSet().id() + " features; run with --features " + f.encoder().featureSet().id());
        }
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private Optional<ModelRegistry.LoadedVersion> latestSaved(ModelRegistry from) throws IOException {
    RegistryIndex.Version newest = null;
    ModelKind newestKind = null;
    for (ModelKind k : config.models()) {
      for (RegistryIndex.Version v : from.versions(k.id())) {
        if (newest == null || v.batch() > newest.batch()) {
          newest = v;
          newestKind = k;
        }
      }
    }
    return newest == null ? Optional.empty() : Optional.of(from.load(newestKind, newest.version()));
  }

  /** Loads each model's latest (and previous) version from {@code from}; whether any was. */
  private boolean loadVersions(ModelRegistry from, boolean initial) {
    if (from == null) {
      return false;
    }
    boolean any = false;
    for (ModelKind kind : config.models()) {
      List<RegistryIndex.Version> versions = from.versions(kind.id());
      try {
        if (!versions.isEmpty()) {
          RegistryIndex.Version last = versions.get(versions.size() - 1);
          if (versions.size() > 1) {
            RegistryIndex.Version before = versions.get(versions.size() - 2);
            serving.installPrevious(kind, new ServingModels.Versioned(from.load(kind, before.version()).model(),
                before.version()));
          }
          serving.install(kind, new ServingModels.Versioned(from.load(kind, last.version()).model(),
              last.version()));
          any = true;
        }
      } catch (IOException e) {
        LOG.warn("version of {} in {} cannot be loaded ({}); it is fitted again", kind.id(), from.dir(),
            e.getMessage());
      }
    }
    if (initial && any) {
      from.champion().ifPresent(c -> champion.initial(-1, Map.of(), Map.of(c.model(), c.version())));
      LOG.info("starting from the models in {}: champion {}", from.dir(), from.champion().orElse(null));
    }
    return any;
  }

  /** Every name a scorer of this stream can have: the selected models and the baseline. */
  private List<String> scorerNames() {
    List<String> names = new ArrayList<>();
    config.models().forEach(k -> names.add(k.id()));
    names.add(ModelKind.IUCR_RATE_BASELINE);
    return names;
  }

  private Map<String, ScoredRows> learnedOnly(Map<String, ScoredRows> all) {
    Map<String, ScoredRows> out = new LinkedHashMap<>(all);
    out.remove(ModelKind.IUCR_RATE_BASELINE);
    return out;
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

  private static boolean[] labels(List<EncodedRow> rows) {
    boolean[] l = new boolean[rows.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = rows.get(i).arrest();
    }
    return l;
  }

  @Override
  public void close() {
    if (registryWriter != null) {
      try {
        registryWriter.close(); // the last batch's versions: written before the stop
      } catch (IOException e) {
        LOG.warn("{}", e.getMessage());
      }
    }
    trainer.close();
    deadLetters.close();
    sinks.forEach(MetricsSink::close);
    predictionSinks.forEach(PredictionSink::close);
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
    private List<PredictionSink> predictions = List.of();
    private ModelRegistry registry;
    private Path initialModels;
    private Clock clock = Clock.systemUTC();
    private LearningSteps steps = LearningSteps.ONE_PER_BATCH;

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
    /** Where the champion's predictions go; none by default (the report, the bench). */
    public Builder predictions(List<PredictionSink> v) { predictions = List.copyOf(v); return this; }
    /** The model registry the versions are saved to; none by default. */
    public Builder registry(ModelRegistry v) { registry = v; return this; }
    /** A registry of an earlier run to start from. */
    public Builder initialModels(Path v) { initialModels = v; return this; }
    public Builder clock(Clock v) { clock = v; return this; }
    /** How a large micro-batch is cut into learning steps; one step per batch by default. */
    public Builder learningSteps(LearningSteps v) { steps = Objects.requireNonNull(v, "steps"); return this; }

    public MicroBatchProcessor build() {
      return new MicroBatchProcessor(this);
    }
  }
}
