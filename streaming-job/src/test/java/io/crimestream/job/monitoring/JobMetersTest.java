package io.crimestream.job.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.Champion;
import io.crimestream.metrics.DriftEvent;
import io.crimestream.metrics.DriftReport;
import io.crimestream.metrics.DriftStatus;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Scores;
import io.crimestream.record.ChartQueries;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The job's report as Prometheus series: names, labels and values as the scrape shows them. */
class JobMetersTest {

  static MicroBatchProcessor.BatchOutcome outcome(long batch, double rfAuc, Champion champion, long driftDetections) {
    Map<String, ModelMetrics> models = new LinkedHashMap<>();
    Scores heldOut = new Scores(0.8, 0.81, 0.5, 0.6, 0.4, 0.48, 100);
    models.put("random_forest", ModelMetrics.of(heldOut, 1500, new Scores(0.8, rfAuc, 0.5, 0.6, 0.4, 0.48, 120),
        new Scores(0.8, 0.84, 0.5, 0.6, 0.4, 0.48, 1200), 0.5));
    models.put("logistic_regression", ModelMetrics.of(heldOut, 700, null, null, 0.5));
    BatchMetrics b = new BatchMetrics(batch, 120, 1200 + batch * 120, 960, 2500, "2026-01-01T00:00:10Z", models,
        Map.of(), Map.of("arrest_rate", new DriftStatus(12.5, 50, false)), 125L);
    Map<String, Long> rejected = Map.of("duplicate_id", 4L, "missing_field:date", 2L, "invalid_json", 1L);
    DriftReport drift = new DriftReport(driftDetections == 0 ? Map.of() : Map.of("error:random_forest", driftDetections),
        driftDetections == 0 ? List.of() : List.of(new DriftEvent(batch, "error:random_forest", 51, 900, 700,
            DriftEvent.REPORTED)));
    MetricsReport report = new MetricsReport("crimenes", List.of("2016-05"), "improved", "all", rejected, 3, 0,
        List.of(b), MetricsReport.summarize(batch + 1, List.of(b), rejected), null, 240, champion, null,
        new MetricsReport.PredictionCounts(1100, 120), drift);
    return new MicroBatchProcessor.BatchOutcome(batch, 125, 120, b.rowsTotal(), 7, b, report);
  }

  private static String line(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + scrape));
  }

  private static double value(String scrape, String series) {
    String l = line(scrape, series);
    return Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
  }

  @Test
  void everySeriesOfTheIssueIsThereWithPrometheusNamesAndTheReportsValues() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JobMeters meters = new JobMeters(registry);
    meters.record(outcome(9, 0.77, new Champion("random_forest", 4, 2, false), 1));
    String s = registry.scrape();

    assertThat(value(s, "crimestream_records_total{outcome=\"trained\"}")).isEqualTo(2280 - 240);
    assertThat(value(s, "crimestream_records_total{outcome=\"history\"}")).isEqualTo(240);
    assertThat(value(s, "crimestream_records_total{outcome=\"duplicate\"}")).isEqualTo(4);
    assertThat(value(s, "crimestream_records_total{outcome=\"rejected\"}")).isEqualTo(3);
    assertThat(value(s, "crimestream_records_total{outcome=\"excluded\"}")).isEqualTo(3);
    assertThat(value(s, "crimestream_records_rejected_total{field=\"date\",reason=\"missing_field\"}")).isEqualTo(2);
    assertThat(value(s, "crimestream_records_rejected_total{field=\"\",reason=\"duplicate_id\"}")).isEqualTo(4);
    assertThat(value(s, "crimestream_batch_duration_seconds_count")).isEqualTo(1);
    assertThat(value(s, "crimestream_batch_duration_seconds_sum")).isEqualTo(2.5);
    assertThat(value(s, "crimestream_batch_duration_seconds_bucket{le=\"5.0\"}")).isEqualTo(1);
    assertThat(value(s, "crimestream_batch_duration_seconds_bucket{le=\"2.0\"}")).isZero();
    assertThat(value(s, "crimestream_training_duration_seconds_sum{model=\"random_forest\"}")).isEqualTo(1.5);
    assertThat(value(s, "crimestream_prequential_auc{model=\"random_forest\",scope=\"batch\"}")).isEqualTo(0.77);
    assertThat(value(s, "crimestream_prequential_auc{model=\"random_forest\",scope=\"cumulative\"}")).isEqualTo(0.84);
    assertThat(line(s, "crimestream_prequential_auc{model=\"logistic_regression\",scope=\"batch\"}"))
        .as("no prequential score yet: NaN, not a made-up 0").endsWith(" NaN");
    assertThat(value(s, "crimestream_heldout_auc{model=\"random_forest\"}")).isEqualTo(0.81);
    assertThat(value(s, "crimestream_champion_info{model=\"random_forest\",rolled_back=\"false\",version=\"4\"}"))
        .isEqualTo(1);
    assertThat(value(s, "crimestream_predictions_published_total")).isEqualTo(1100);
    assertThat(value(s, "crimestream_drift_detections_total{detector=\"error:random_forest\"}")).isEqualTo(1);
    assertThat(value(s, "crimestream_drift_statistic{detector=\"arrest_rate\"}")).isEqualTo(12.5);
    assertThat(value(s, "crimestream_drift_threshold{detector=\"arrest_rate\"}")).isEqualTo(50);
    assertThat(value(s, "crimestream_last_batch_timestamp_seconds")).isEqualTo(1767225610);
    assertThat(value(s, "crimestream_training_rows")).isEqualTo(960);
    assertThat(value(s, "crimestream_batches_total")).isEqualTo(10);
  }

  @Test
  void onlyTheCurrentChampionIsOneAndTotalsAppearWithTheFirstReport() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JobMeters meters = new JobMeters(registry);
    assertThat(registry.scrape()).as("before any batch: no totals, so a restart is no reset")
        .doesNotContain("crimestream_records_total");
    meters.record(outcome(9, 0.77, new Champion("random_forest", 4, 2, false), 0));
    meters.record(outcome(10, 0.70, new Champion("random_forest", 3, 2, true), 0));
    String s = registry.scrape();
    assertThat(s.lines().filter(l -> l.startsWith("crimestream_champion_info{"))).containsExactly(
        "crimestream_champion_info{model=\"random_forest\",rolled_back=\"true\",version=\"3\"} 1");
    assertThat(value(s, "crimestream_batch_duration_seconds_count")).isEqualTo(2);
    assertThat(value(s, "crimestream_prequential_auc{model=\"random_forest\",scope=\"batch\"}")).isEqualTo(0.70);
  }

  /**
   * A misspelt name in the chart is an alert that never fires and an empty panel: every job series
   * (and JVM series) the chart's alerts and dashboard query is in a scrape of the job's registry,
   * with a batch that has rejections, a drift detection and a champion. The lag gauge asks a broker
   * that is not there (NaN), as the job's would while Kafka is down.
   */
  @Test
  void everyJobSeriesTheChartQueriesIsOneTheJobExports() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (var gc = JobMonitoring.bindProcessMeters(registry);
         var lag = ConsumerLag.register(registry, KafkaConnection.plaintext("127.0.0.1:9"), "crimenes", Map::of)) {
      new JobMeters(registry).record(outcome(9, 0.77, new Champion("random_forest", 4, 2, false), 1));
      Set<String> exported = ChartQueries.seriesIn(registry.scrape());
      Set<String> used = ChartQueries.names("crimestream_", "jvm_", "process_");
      assertThat(used).contains("crimestream_prequential_auc", "crimestream_consumer_lag_records");
      assertThat(exported).containsAll(used);
    }
  }
}
