package io.crimestream.local.report;

import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Scores;
import io.crimestream.options.FeatureSet;
import io.crimestream.options.ModelKind;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The report's Markdown: one table per view, models in rows, feature sets in columns. */
final class ReportTable {

  /** One evaluation: a feature set, a view, and its final report. */
  record Run(FeatureSet features, boolean withoutArrestRecorded, MetricsReport report) {

    ModelMetrics last(String model) {
      List<BatchMetrics> b = report.batches();
      return b.isEmpty() ? null : b.get(b.size() - 1).models().get(model);
    }
  }

  /** The study's final figures (accuracy, AUC-ROC), evaluated on a split of the data seen. */
  static final Map<String, double[]> STUDY = Map.of(
      ModelKind.LOGISTIC_REGRESSION.id(), new double[] {0.74, 0.72},
      ModelKind.DECISION_TREE.id(), new double[] {0.78, 0.54},
      ModelKind.RANDOM_FOREST.id(), new double[] {0.84, 0.85});

  private ReportTable() {}

  static String markdown(String data, List<String> months, int rows, int rowsWithoutArrestRecorded,
                         int batchRows, List<Run> runs) {
    StringBuilder md = new StringBuilder();
    md.append("# Stream evaluation: ").append(String.join(", ", months)).append(" of `")
        .append(Path.of(data).getFileName()).append("`\n\n");
    md.append(String.format(Locale.ROOT, "%,d rows (%,d without the arrest-recorded types), in time"
        + " order, in micro-batches of %d. Each batch is first scored by the models trained on the"
        + " batches before it, then learned (prequential, test-then-train); the figures pool every"
        + " batch's scores. Held-out: the last batch's models on the fixed fifth of rows no model"
        + " trains on. Threshold 0.5.%n%n", rows, rowsWithoutArrestRecorded, batchRows));
    for (boolean exclude : new boolean[] {false, true}) {
      List<Run> view = runs.stream().filter(r -> r.withoutArrestRecorded() == exclude).toList();
      if (view.isEmpty()) {
        continue;
      }
      md.append(exclude ? "## Without the arrest-recorded types\n\n" : "## All incident types\n\n");
      md.append("| model | features | prequential accuracy | prequential AUC-ROC | prequential AUC-PR"
          + " | prequential F1 | held-out accuracy | held-out AUC-ROC | train ms (last batch) |\n");
      md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (String model : models(view)) {
        for (Run run : view) {
          ModelMetrics m = run.last(model);
          if (m == null) {
            continue;
          }
          Scores p = m.prequentialCumulative();
          md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
              model, run.features().id(), fmt(p == null ? null : p.accuracy()),
              fmt(p == null ? null : p.areaUnderROC()), fmt(p == null ? null : p.areaUnderPR()),
              fmt(p == null ? null : p.f1()), fmt(m.accuracy()), fmt(m.areaUnderROC()), m.trainMillis()));
        }
      }
      md.append('\n');
    }
    md.append("The study's figures, for comparison (accuracy / AUC-ROC on a split of the rows seen"
        + " so far): ");
    STUDY.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> md.append(
        String.format(Locale.ROOT, "%s %.2f / %.2f; ", e.getKey(), e.getValue()[0], e.getValue()[1])));
    md.setLength(md.length() - 2);
    md.append(".\n");
    return md.toString();
  }

  private static Set<String> models(List<Run> runs) {
    Set<String> names = new LinkedHashSet<>();
    for (Run r : runs) {
      r.report().batches().forEach(b -> names.addAll(b.models().keySet()));
    }
    return names;
  }

  private static String fmt(Double d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
  }

  /**
   * The warm-start view: each model's cumulative prequential AUC and its AUC on the stream's
   * first two batches, cold (the months alone) and warm (after the history months).
   */
  static String warmStart(String historyMonths, int historyRows, MetricsReport cold, MetricsReport warm) {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n## Warm start: %s (%,d rows)"
        + " learned first%n%n", historyMonths, historyRows));
    md.append("Improved features, all incident types. Cold: the months alone, whose first batch no model"
        + " has scored. Warm: the history months learned first, never scored.\n\n");
    md.append("| model | cumulative AUC cold | warm | first batch cold | warm | second batch cold | warm |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    List<BatchMetrics> c = streamBatches(cold);
    List<BatchMetrics> w = streamBatches(warm);
    Set<String> models = new LinkedHashSet<>();
    (warm.batches().isEmpty() ? cold : warm).batches().forEach(b -> models.addAll(b.models().keySet()));
    for (String model : models) {
      md.append("| ").append(model).append(" | ").append(fmt(cumulative(cold, model))).append(" | ")
          .append(fmt(cumulative(warm, model))).append(" | ").append(fmt(batchAuc(c, 0, model)))
          .append(" | ").append(fmt(batchAuc(w, 0, model))).append(" | ").append(fmt(batchAuc(c, 1, model)))
          .append(" | ").append(fmt(batchAuc(w, 1, model))).append(" |\n");
    }
    return md.toString();
  }

  /** The batches that brought rows of the stream (not only history). */
  private static List<BatchMetrics> streamBatches(MetricsReport r) {
    long history = r.rowsHistory();
    long seen = 0;
    List<BatchMetrics> out = new java.util.ArrayList<>();
    for (BatchMetrics b : r.batches()) {
      seen += b.rowsInBatch();
      if (seen > history) {
        out.add(b);
      }
    }
    return out;
  }

  private static Double cumulative(MetricsReport r, String model) {
    if (r.batches().isEmpty()) {
      return null;
    }
    ModelMetrics m = r.batches().get(r.batches().size() - 1).models().get(model);
    return m == null || m.prequentialCumulative() == null ? null : m.prequentialCumulative().areaUnderROC();
  }

  private static Double batchAuc(List<BatchMetrics> batches, int i, String model) {
    if (batches.size() <= i) {
      return null;
    }
    ModelMetrics m = batches.get(i).models().get(model);
    return m == null || m.prequential() == null ? null : m.prequential().areaUnderROC();
  }
}
