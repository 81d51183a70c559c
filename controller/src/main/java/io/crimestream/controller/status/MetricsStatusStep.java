package io.crimestream.controller.status;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.api.ModelStatus;
import io.crimestream.controller.dependent.MetricsConfigMapDependent;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Scores;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Copies the streaming job's latest summary from the metrics ConfigMap; MetricsAvailable. */
public final class MetricsStatusStep implements StatusStep {

  @Override
  public void apply(StatusInput in) {
    String name = in.settings().metricsConfigMap();
    Optional<String> json = in.observed().metrics()
        .map(ConfigMap::getData)
        .map(data -> data.get(MetricsConfigMapDependent.SUMMARY_KEY));
    if (json.isEmpty()) {
      in.condition(ConditionTypes.METRICS_AVAILABLE, Conditions.FALSE, "NoMetricsYet",
          "the streaming job has not published to ConfigMap " + name + " yet");
      return;
    }
    MetricsReport.Summary summary;
    try {
      summary = MetricsJson.readSummary(json.get());
    } catch (IOException e) {
      in.condition(ConditionTypes.METRICS_AVAILABLE, Conditions.FALSE, "MetricsUnreadable",
          "key " + MetricsConfigMapDependent.SUMMARY_KEY + " of ConfigMap " + name
              + " is not a metrics summary: " + e.getMessage());
      return;
    }
    in.summary(summary);
    CrimeStreamStatus status = in.status();
    status.setBatches(summary.batches());
    status.setRowsTrained(summary.rowsTotal());
    status.setRowsRejected(summary.rowsRejectedTotal());
    status.setBestModel(summary.bestModel());
    status.setMetricsUpdated(summary.updated());
    Map<String, ModelStatus> models = new LinkedHashMap<>();
    if (summary.models() != null) {
      summary.models().forEach((model, m) -> models.put(model, modelStatus(m)));
    }
    status.setModels(models);
    ModelMetrics best = summary.bestModel() == null || summary.models() == null ? null
        : summary.models().get(summary.bestModel());
    status.setBestModelAuc(best == null ? null : round(best.rankingAuc()));
    in.condition(ConditionTypes.METRICS_AVAILABLE, Conditions.TRUE, "Published",
        summary.batches() + " batches, " + summary.rowsTotal() + " rows"
            + (summary.bestModel() == null ? "" : "; best model " + summary.bestModel()
            + (status.getBestModelAuc() == null ? "" : " (AUC " + status.getBestModelAuc() + ")")));
  }

  static ModelStatus modelStatus(ModelMetrics m) {
    Scores cumulative = m.prequentialCumulative();
    return new ModelStatus(round(m.accuracy()), round(m.areaUnderROC()), round(m.areaUnderPR()),
        round(m.precision()), round(m.recall()), round(m.f1()),
        cumulative == null ? null : round(cumulative.areaUnderROC()));
  }

  /** Four decimals are what a reader compares; more would only churn the status. */
  static Double round(Double value) {
    return value == null || value.isNaN() ? null : Math.round(value * 10_000) / 10_000.0;
  }
}
