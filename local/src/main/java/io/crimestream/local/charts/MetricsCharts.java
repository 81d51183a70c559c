package io.crimestream.local.charts;

import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Scores;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The study's per-model graphs, from a metrics report: each model's figures batch after batch,
 * and one chart comparing every model's cumulative prequential AUC.
 */
public final class MetricsCharts {

  static final int WIDTH = 900;
  static final int HEIGHT = 500;
  /** Distinct on white and for the common color-vision deficiencies (Okabe-Ito). */
  private static final Color[] PALETTE = {
      new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
      new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

  private MetricsCharts() {}

  /** Writes {@code <model>.png} per model and {@code models-auc.png}; returns the files. */
  public static List<Path> write(MetricsReport report, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    // encode in memory: ImageIO's file cache registers a shutdown hook, which fails when a signal
    // has the JVM shutting down while the last charts are written
    ImageIO.setUseCache(false);
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (String model : models(report)) {
      XYSeriesCollection data = new XYSeriesCollection();
      data.addSeries(series(report, model, "accuracy (held out)", ModelMetrics::accuracy));
      data.addSeries(series(report, model, "AUC-ROC (held out)", ModelMetrics::areaUnderROC));
      data.addSeries(series(report, model, "AUC-PR (held out)", ModelMetrics::areaUnderPR));
      data.addSeries(series(report, model, "F1 (held out)", ModelMetrics::f1));
      data.addSeries(series(report, model, "AUC-ROC (prequential, cumulative)",
          m -> scores(m.prequentialCumulative(), Scores::areaUnderROC)));
      data.addSeries(series(report, model, "accuracy (prequential, cumulative)",
          m -> scores(m.prequentialCumulative(), Scores::accuracy)));
      Path file = dir.resolve(model + ".png");
      save(chart(model + " — " + report.topic() + " " + String.join(",", report.months())
          + " (" + report.featureSet() + " features)", data), file);
      written.add(file);
    }
    XYSeriesCollection auc = new XYSeriesCollection();
    for (String model : models(report)) {
      auc.addSeries(series(report, model, model,
          m -> scores(m.prequentialCumulative(), Scores::areaUnderROC)));
    }
    Path comparison = dir.resolve("models-auc.png");
    save(chart("Cumulative prequential AUC-ROC by model", auc), comparison);
    written.add(comparison);
    return written;
  }

  private static Set<String> models(MetricsReport report) {
    Set<String> names = new LinkedHashSet<>();
    report.batches().forEach(b -> names.addAll(b.models().keySet()));
    return names;
  }

  private static XYSeries series(MetricsReport report, String model, String name,
                                 Function<ModelMetrics, Double> figure) {
    XYSeries s = new XYSeries(name, false, true);
    for (BatchMetrics b : report.batches()) {
      ModelMetrics m = b.models().get(model);
      Double v = m == null ? null : figure.apply(m);
      if (v != null) {
        s.add(b.rowsTotal(), v);
      }
    }
    return s;
  }

  private static Double scores(Scores s, Function<Scores, Double> figure) {
    return s == null ? null : figure.apply(s);
  }

  private static JFreeChart chart(String title, XYSeriesCollection data) {
    NumberAxis x = new NumberAxis("rows seen");
    x.setAutoRangeIncludesZero(false);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setNumberFormatOverride(new DecimalFormat("#,##0"));
    NumberAxis y = new NumberAxis("score");
    y.setRange(0.0, 1.0);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true,
        data.getSeriesCount() > 0 && data.getItemCount(0) < 60); // dots only while they stay readable
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static void save(JFreeChart chart, Path file) throws IOException {
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }
}
