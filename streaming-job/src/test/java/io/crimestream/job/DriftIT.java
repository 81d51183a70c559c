package io.crimestream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.drift.DriftMonitor;
import io.crimestream.job.drift.DriftSettings;
import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.DriftEvent;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.options.ModelKind;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.SharedData;
import io.crimestream.record.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift on real months back to back: January 2016 of the portal export (about 15% of incidents
 * end in an arrest), then May 2016 of the Kaggle file (about 25% once past its first days, whose
 * few rows are mostly late-reported thefts), through the job's processor.
 * The arrest-rate detector finds the change within a few batches; with {@code reset-window} the
 * training window restarts at the change point, and a restart rebuilds the same window.
 */
class DriftIT {

  private static final int BATCH = 120;
  private static final int PER_MONTH = 1200;
  private static List<CrimeRecord> stream;

  private static final LearningConfig LEARNING = LearningConfig.defaults()
      .withModels(List.of(ModelKind.LOGISTIC_REGRESSION))
      .withDrift(new DriftSettings(0.01, 50, 100, true));

  @BeforeAll
  static void twoMonths() throws Exception {
    stream = new ArrayList<>(month(SharedData.PORTAL_2016_01, YearMonth.of(2016, 1), 0));
    stream.addAll(month(SharedData.KAGGLE, YearMonth.of(2016, 5), 600));
  }

  private static List<CrimeRecord> month(String file, YearMonth m, int skip) throws Exception {
    return SharedData.validRows(file).stream().filter(r -> r.month().equals(m))
        .sorted(Comparator.comparing(CrimeRecord::date).thenComparing(CrimeRecord::id)).skip(skip)
        .limit(PER_MONTH).toList();
  }

  private static List<IncomingRecord> batch(int b) {
    List<IncomingRecord> out = new ArrayList<>();
    for (int i = b * BATCH; i < Math.min(stream.size(), (b + 1) * BATCH); i++) {
      CrimeRecord r = stream.get(i);
      out.add(new IncomingRecord("drift", 0, i, WireCodec.key(r).getBytes(StandardCharsets.UTF_8),
          WireCodec.encode(r)));
    }
    return out;
  }

  private static int batches() {
    return (stream.size() + BATCH - 1) / BATCH;
  }

  @Test
  void theArrestRatesRiseIsFoundWithinAFewBatchesAndTheWindowRestartsAtTheChangePoint(@TempDir Path dir)
      throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("drift");
    List<BatchMetrics> metrics = new ArrayList<>();
    MetricsReport report;
    try (MicroBatchProcessor p = MicroBatchProcessor.builder(spark, LEARNING, dir).build()) {
      for (int b = 0; b < batches(); b++) {
        metrics.add(p.process(b, batch(b)).metrics());
      }
      report = p.report();
    }
    assertThat(metrics).allSatisfy(m -> assertThat(m.drift()).containsKey(DriftMonitor.ARREST_RATE));
    assertThat(metrics.get(metrics.size() - 1).drift()).containsKey("error:logistic_regression");

    DriftEvent change = report.drift().events().stream()
        .filter(e -> e.detector().equals(DriftMonitor.ARREST_RATE) && e.detectedAt() >= PER_MONTH)
        .findFirst().orElseThrow(() -> new AssertionError("no change found after row " + PER_MONTH + ": "
            + report.drift()));
    // the statistic grows by about (0.25 - 0.15 - delta) a row after the change: threshold 50 in ~550 rows
    assertThat(change.detectedAt() - PER_MONTH).as("rows after the change").isLessThan(6 * BATCH);
    assertThat(change.action()).isEqualTo(DriftEvent.WINDOW_RESET);
    assertThat(report.drift().detections()).containsKey(DriftMonitor.ARREST_RATE);

    BatchMetrics detected = metrics.get((int) change.batch());
    assertThat(detected.drift().get(DriftMonitor.ARREST_RATE).detected()).isTrue();
    assertThat(detected.drift().get(DriftMonitor.ARREST_RATE).statistic()).isGreaterThan(50);
    BatchMetrics before = metrics.get((int) change.batch() - 1);
    assertThat(detected.rowsTraining()).as("the window restarted: fewer rows than the batch before")
        .isLessThan(before.rowsTraining());
    assertThat(detected.rowsTotal()).as("every row is still counted").isEqualTo(before.rowsTotal() + BATCH);
  }

  @Test
  void aRestartedJobRebuildsTheRestartedWindowAndGoesOnWithTheSameDetectors(@TempDir Path dir) throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("drift");
    List<BatchMetrics> straight = new ArrayList<>();
    try (MicroBatchProcessor p = MicroBatchProcessor.builder(spark, LEARNING, dir.resolve("straight")).build()) {
      for (int b = 0; b < batches(); b++) {
        straight.add(p.process(b, batch(b)).metrics());
      }
    }
    int resetBatch = -1;
    for (int b = 1; b < straight.size() && resetBatch < 0; b++) {
      if (straight.get(b).rowsTraining() < straight.get(b - 1).rowsTraining()) {
        resetBatch = b;
      }
    }
    assertThat(resetBatch).as("the window restarted in some batch").isPositive();
    int stopAfter = Math.min(resetBatch + 1, batches() - 2);

    List<BatchMetrics> restarted = new ArrayList<>();
    Path checkpoint = dir.resolve("restarted");
    try (MicroBatchProcessor p = MicroBatchProcessor.builder(spark, LEARNING, checkpoint).build()) {
      for (int b = 0; b <= stopAfter; b++) {
        restarted.add(p.process(b, batch(b)).metrics());
      }
    }
    try (MicroBatchProcessor p = MicroBatchProcessor.builder(spark, LEARNING, checkpoint).build()) {
      for (int b = stopAfter + 1; b < batches(); b++) {
        restarted.add(p.process(b, batch(b)).metrics());
      }
    }
    for (int b = 0; b < batches(); b++) {
      assertThat(restarted.get(b).rowsTraining()).as("batch %d's window", b).isEqualTo(straight.get(b).rowsTraining());
      assertThat(restarted.get(b).drift().get(DriftMonitor.ARREST_RATE))
          .as("batch %d's arrest-rate detector", b).isEqualTo(straight.get(b).drift().get(DriftMonitor.ARREST_RATE));
    }
  }
}
