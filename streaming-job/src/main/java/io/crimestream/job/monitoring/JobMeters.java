package io.crimestream.job.monitoring;

import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.Champion;
import io.crimestream.metrics.DriftStatus;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Scores;
import io.crimestream.record.RejectReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The job's figures as Prometheus meters ({@code crimestream_*}, see {@link MeterNames}): counters
 * and gauges read the latest published report, so that after a restart they go on from the
 * checkpointed totals; the duration histograms record each batch as it completes.
 *
 * <p>A series appears with the first value of its labels (a model once it scored, a reason once a
 * record was rejected for it). The champion's info series is replaced when the champion or its
 * version changes, so that only one is ever 1.
 */
public final class JobMeters {

  /** Bucket bounds of the duration histograms: a cycle of the study's batch to a long fit. */
  static final Duration[] DURATION_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
      Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

  private final MeterRegistry registry;
  private final AtomicReference<MetricsReport> latest = new AtomicReference<>();
  private final AtomicReference<BatchMetrics> lastBatch = new AtomicReference<>();
  private final Set<String> registered = new HashSet<>();
  private final Timer batchDuration;
  private Meter championInfo;
  private Champion championShown;

  public JobMeters(MeterRegistry registry) {
    this.registry = registry;
    this.batchDuration = Timer.builder(MeterNames.BATCH_DURATION)
        .description("Time a micro-batch took, from its records to its published metrics")
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry);
    Gauge.builder(MeterNames.LAST_BATCH_TIMESTAMP, lastBatch, b -> b.get() == null || b.get().time() == null
            ? Double.NaN : java.time.Instant.parse(b.get().time()).toEpochMilli() / 1000.0)
        .description("When the latest micro-batch with new rows completed, in Unix seconds")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(MeterNames.TRAINING_ROWS, lastBatch, b -> b.get() == null ? Double.NaN : b.get().rowsTraining())
        .description("Rows in the training window the models were last fitted on")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * The counters of the stream's totals, once the first report is known: they go on from the
   * checkpoint's totals after a restart, and a series that is absent until then (rather than 0)
   * lets Prometheus see the restart as the increase it is, not as a reset followed by a jump.
   */
  private void totals() {
    for (String outcome : MeterNames.RECORD_OUTCOMES) {
      FunctionCounter.builder(MeterNames.RECORDS, latest, r -> records(r.get(), outcome))
          .description("Records read, by what became of them: trained (stream rows learned from),"
              + " history (a warm start's rows), duplicate, rejected (invalid), excluded (left out on purpose)")
          .tag("outcome", outcome)
          .register(registry);
    }
    FunctionCounter.builder(MeterNames.PREDICTIONS_PUBLISHED, latest,
            r -> r.get() == null || r.get().predictions() == null ? 0 : r.get().predictions().published())
        .description("Predictions published, one per valid incident of the stream")
        .register(registry);
    FunctionCounter.builder(MeterNames.BATCHES, latest,
            r -> r.get() == null || r.get().summary() == null ? 0 : r.get().summary().batches())
        .description("Micro-batches that brought new rows")
        .register(registry);
  }

  /** One completed micro-batch: its durations recorded, the gauges on its report. */
  public synchronized void record(MicroBatchProcessor.BatchOutcome outcome) {
    latest.set(outcome.report());
    MetricsReport report = outcome.report();
    if (report != null) {
      if (registered.add("totals")) {
        totals();
      }
      report.rowsRejected().keySet().forEach(this::rejectedReason);
      if (report.drift() != null && report.drift().detections() != null) {
        report.drift().detections().keySet().forEach(this::driftDetector);
      }
      showChampion(report.champion());
    }
    BatchMetrics b = outcome.metrics();
    if (b == null) {
      return;
    }
    lastBatch.set(b);
    batchDuration.record(b.cycleMillis(), TimeUnit.MILLISECONDS);
    b.models().forEach((model, m) -> {
      modelGauges(model);
      if (m.skipped() == null && m.trainMillis() > 0) {
        trainingTimer(model).record(m.trainMillis(), TimeUnit.MILLISECONDS);
      }
    });
    if (b.drift() != null) {
      b.drift().keySet().forEach(this::driftDetector);
    }
  }

  private static double records(MetricsReport r, String outcome) {
    if (r == null) {
      return 0;
    }
    long duplicates = r.rowsRejected().getOrDefault(RejectReason.DUPLICATE_ID.code(), 0L);
    long rowsTotal = r.summary() == null ? 0 : r.summary().rowsTotal();
    return switch (outcome) {
      case "trained" -> rowsTotal - r.rowsHistory();
      case "history" -> r.rowsHistory();
      case "duplicate" -> duplicates;
      case "rejected" -> r.rowsRejected().values().stream().mapToLong(Long::longValue).sum() - duplicates;
      case "excluded" -> r.rowsExcluded();
      default -> throw new IllegalArgumentException(outcome);
    };
  }

  /** A reason key ({@code missing_field:date}) as two labels: the reason and the field, if any. */
  private void rejectedReason(String key) {
    if (registered.add("rejected:" + key)) {
      int colon = key.indexOf(':');
      FunctionCounter.builder(MeterNames.RECORDS_REJECTED, latest,
              r -> r.get() == null ? 0 : r.get().rowsRejected().getOrDefault(key, 0L))
          .description("Records not trained on, by reason and field (duplicate ids included)")
          .tags(Tags.of("reason", colon < 0 ? key : key.substring(0, colon),
              "field", colon < 0 ? "" : key.substring(colon + 1)))
          .register(registry);
    }
  }

  private void driftDetector(String detector) {
    if (!registered.add("drift:" + detector)) {
      return;
    }
    FunctionCounter.builder(MeterNames.DRIFT_DETECTIONS, latest, r -> r.get() == null || r.get().drift() == null
            || r.get().drift().detections() == null ? 0 : r.get().drift().detections().getOrDefault(detector, 0L))
        .description("Changes a drift detector found: arrest_rate, or error:<model> for a model's prequential errors")
        .tag("detector", detector)
        .register(registry);
    Gauge.builder(MeterNames.DRIFT_STATISTIC, lastBatch, b -> drift(b.get(), detector, DriftStatus::statistic))
        .description("A drift detector's Page-Hinkley statistic after the latest batch")
        .tag("detector", detector)
        .register(registry);
    Gauge.builder(MeterNames.DRIFT_THRESHOLD, lastBatch, b -> drift(b.get(), detector, DriftStatus::threshold))
        .description("The statistic above which a drift detector detects a change")
        .tag("detector", detector)
        .register(registry);
  }

  private static double drift(BatchMetrics b, String detector, ToDoubleFunction<DriftStatus> f) {
    DriftStatus s = b == null || b.drift() == null ? null : b.drift().get(detector);
    return s == null ? Double.NaN : f.applyAsDouble(s);
  }

  private void modelGauges(String model) {
    if (!registered.add("model:" + model)) {
      return;
    }
    Map<String, ToDoubleFunction<ModelMetrics>> prequential = Map.of(
        "batch", m -> auc(m.prequential()),
        "cumulative", m -> auc(m.prequentialCumulative()));
    prequential.forEach((scope, f) -> Gauge.builder(MeterNames.PREQUENTIAL_AUC, lastBatch, b -> model(b.get(), model, f))
        .description("A model's prequential AUC-ROC: its scores of each batch's rows before it learned them,"
            + " of the latest batch or pooled since the start")
        .tags(Tags.of("model", model, "scope", scope))
        .register(registry));
    Gauge.builder(MeterNames.HELDOUT_AUC, lastBatch, b -> model(b.get(), model, m -> nan(m.areaUnderROC())))
        .description("A model's AUC-ROC on the held-out fifth of the training window")
        .tag("model", model)
        .register(registry);
  }

  private Timer trainingTimer(String model) {
    return Timer.builder(MeterNames.TRAINING_DURATION)
        .description("Time a model's fit took on a batch's training rows")
        .tag("model", model)
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry);
  }

  private static double model(BatchMetrics b, String model, ToDoubleFunction<ModelMetrics> f) {
    ModelMetrics m = b == null ? null : b.models().get(model);
    return m == null ? Double.NaN : f.applyAsDouble(m);
  }

  private static double auc(Scores s) {
    return s == null ? Double.NaN : nan(s.areaUnderROC());
  }

  private static double nan(Double v) {
    return v == null ? Double.NaN : v;
  }

  private void showChampion(Champion c) {
    if (c == null || c.equals(championShown)) {
      return;
    }
    if (championInfo != null) {
      registry.remove(championInfo);
    }
    championInfo = Gauge.builder(MeterNames.CHAMPION_INFO, () -> 1)
        .description("The model and version whose predictions are published (always 1)")
        .tags(Tags.of("model", c.model(), "version", Integer.toString(c.version()),
            "rolled_back", Boolean.toString(c.rolledBack())))
        .register(registry);
    championShown = c;
  }
}
