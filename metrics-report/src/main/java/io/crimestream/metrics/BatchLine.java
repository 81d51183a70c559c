package io.crimestream.metrics;

import java.util.Locale;

/** One line per batch for a console or a log: new rows, totals, each model's held-out figures. */
public final class BatchLine {

  private BatchLine() {}

  public static String of(BatchMetrics b) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "batch %d: +%d rows, %d total (%d training), %d ms", b.batch(), b.rowsInBatch(), b.rowsTotal(),
        b.rowsTraining(), b.cycleMillis()));
    b.models().forEach((name, m) -> {
      sb.append(String.format(Locale.ROOT, " | %s acc %s auc %s", name, fmt(m.accuracy()),
          fmt(m.areaUnderROC())));
      if (m.skipped() != null) {
        sb.append(" (not refitted)");
      }
    });
    return sb.toString();
  }

  private static String fmt(Double d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
  }
}
