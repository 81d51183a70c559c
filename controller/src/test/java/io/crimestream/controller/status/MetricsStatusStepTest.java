package io.crimestream.controller.status;

import static io.crimestream.controller.status.StatusFixtures.crimeStream;
import static io.crimestream.controller.status.StatusFixtures.input;
import static io.crimestream.controller.status.StatusFixtures.observed;
import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.dependent.MetricsConfigMapDependent;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Scores;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsStatusStepTest {

  private final CrimeStreamStatus status = new CrimeStreamStatus();

  private void apply(ConfigMap metrics) {
    new MetricsStatusStep().apply(input(crimeStream("2016-04"), observed(Map.of(), Map.of(),
        List.of(), null, metrics), status));
  }

  @Test
  void copiesTheLatestSummaryIntoTheStatus() {
    Scores held = new Scores(0.81234567, 0.70111, 0.52, 0.6, 0.4, 0.48, 100);
    Map<String, ModelMetrics> models = Map.of(
        "decision_tree", ModelMetrics.of(held, 5, null, new Scores(null, 0.68, null, null, null,
            null, 50), 0.5),
        "random_forest", ModelMetrics.of(held, 9, null, new Scores(null, 0.731449, null, null,
            null, null, 50), 0.5));
    BatchMetrics last = new BatchMetrics(6, 120, 4251, 3400, 900, "2026-01-01T11:59:00Z", models);
    var summary = MetricsReport.summarize(7, List.of(last), Map.of("duplicate", 4L));
    apply(new ConfigMapBuilder().addToData(MetricsConfigMapDependent.SUMMARY_KEY,
        MetricsJson.write(summary, false)).build());

    assertThat(status.getBatches()).isEqualTo(7);
    assertThat(status.getRowsTrained()).isEqualTo(4251);
    assertThat(status.getRowsRejected()).isEqualTo(4);
    assertThat(status.getBestModel()).isEqualTo("random_forest");
    assertThat(status.getBestModelAuc()).isEqualTo(0.7314);
    assertThat(status.getModels().get("random_forest").getAccuracy()).isEqualTo(0.8123);
    assertThat(status.getModels().get("decision_tree").getPrequentialAreaUnderROC())
        .isEqualTo(0.68);
    Condition c = Conditions.find(status, ConditionTypes.METRICS_AVAILABLE).orElseThrow();
    assertThat(c.getStatus()).isEqualTo("True");
    assertThat(c.getMessage()).isEqualTo("7 batches, 4251 rows; best model random_forest (AUC"
        + " 0.7314)");
  }

  @Test
  void notAvailableBeforeTheFirstPublishOrWhenUnreadable() {
    apply(new ConfigMapBuilder().build());
    assertThat(Conditions.find(status, ConditionTypes.METRICS_AVAILABLE).orElseThrow().getReason())
        .isEqualTo("NoMetricsYet");

    apply(new ConfigMapBuilder().addToData(MetricsConfigMapDependent.SUMMARY_KEY, "{not json")
        .build());
    Condition c = Conditions.find(status, ConditionTypes.METRICS_AVAILABLE).orElseThrow();
    assertThat(c.getReason()).isEqualTo("MetricsUnreadable");
    assertThat(c.getMessage()).contains("study-metrics");
  }
}
