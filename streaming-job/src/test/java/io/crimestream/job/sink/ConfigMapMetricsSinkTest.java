package io.crimestream.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Scores;
import io.crimestream.options.ModelKind;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ConfigMapMetricsSinkTest {

  private static final String NS = "crimes";

  KubernetesClient client;

  @Test
  void replacesTheDataAndKeepsTheControllersMetadata() throws Exception {
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("study-metrics")
        .withNamespace(NS).addToLabels("app.kubernetes.io/instance", "study").endMetadata()
        .build()).create();
    MetricsReport first = report(3);
    MetricsReport second = report(5);
    try (ConfigMapMetricsSink sink = new ConfigMapMetricsSink(client, NS, "study-metrics")) {
      sink.publish(first);
      sink.publish(second);
    }

    ConfigMap cm = client.configMaps().inNamespace(NS).withName("study-metrics").get();
    assertThat(cm.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "study");
    assertThat(cm.getData()).containsOnlyKeys(ConfigMapMetricsSink.METRICS_KEY,
        ConfigMapMetricsSink.SUMMARY_KEY);
    // the same document as a local run's metrics.json
    assertThat(MetricsJson.readReport(cm.getData().get(ConfigMapMetricsSink.METRICS_KEY)))
        .isEqualTo(second);
    assertThat(MetricsJson.readSummary(cm.getData().get(ConfigMapMetricsSink.SUMMARY_KEY)))
        .isEqualTo(second.summary());
  }

  @Test
  void trimsTheHistoryToStayWellUnderAConfigMapsLimit() throws Exception {
    MetricsReport big = report(3000);
    assertThat(MetricsJson.write(big, false).length()).isGreaterThan(1024 * 1024);

    try (ConfigMapMetricsSink sink = new ConfigMapMetricsSink(client, NS, "big-metrics")) {
      sink.publish(big);
    }

    ConfigMap cm = client.configMaps().inNamespace(NS).withName("big-metrics").get();
    String metrics = cm.getData().get(ConfigMapMetricsSink.METRICS_KEY);
    assertThat(metrics.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(ConfigMapMetricsSink.MAX_METRICS_BYTES);
    MetricsReport kept = MetricsJson.readReport(metrics);
    // the chart still starts at the first batch and ends at the latest; the count says what is missing
    assertThat(kept.batches().get(0)).isEqualTo(big.batches().get(0));
    assertThat(kept.batches().get(kept.batches().size() - 1))
        .isEqualTo(big.batches().get(big.batches().size() - 1));
    assertThat(kept.batchesOmitted() + kept.batches().size()).isEqualTo(3000);
    assertThat(kept.batchesOmitted()).isPositive();
    assertThat(kept.summary()).isEqualTo(big.summary());
    assertThat(MetricsJson.readSummary(cm.getData().get(ConfigMapMetricsSink.SUMMARY_KEY))
        .batches()).isEqualTo(3000);
  }

  private static MetricsReport report(int batches) {
    List<BatchMetrics> history = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      Map<String, ModelMetrics> models = new LinkedHashMap<>();
      for (String model : ModelKind.ids()) {
        double auc = 0.6 + (model.length() % 7) / 100.0 + b / 100_000.0;
        Scores scores = new Scores(0.8, auc, 0.5, 0.6, 0.4, 0.48, 100L + b);
        models.put(model, ModelMetrics.of(scores, 120, scores, scores, 0.5));
      }
      history.add(new BatchMetrics(b, 120, 120L * (b + 1), 96L * (b + 1), 800,
          "2026-01-01T00:00:00Z", models));
    }
    Map<String, Long> rejected = Map.of("missing_field", 3L);
    return new MetricsReport("crimenes", List.of("2016-04", "2016-05"), "study", "all", rejected,
        0, 0, history, MetricsReport.summarize(batches, history, rejected), null, 0, null, null, null, null);
  }
}
