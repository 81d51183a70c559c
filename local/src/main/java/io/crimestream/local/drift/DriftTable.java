package io.crimestream.local.drift;

import io.crimestream.job.drift.DriftSettings;
import io.crimestream.metrics.DriftEvent;
import io.crimestream.metrics.DriftReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** {@code drift.md}: what the detectors found, as Markdown tables. */
final class DriftTable {

  private DriftTable() {}

  /** One segment streamed by itself: every detection is a false alarm. */
  record Alone(String segment, long rows, long batches, DriftReport drift) {}

  static String alone(DriftSettings settings, int batchRows, List<Alone> runs) {
    StringBuilder md = new StringBuilder("# Drift detection: each segment streamed alone\n\n")
        .append(settingsLine(settings, batchRows))
        .append("Any detection here is a false alarm: the rows of one export, in time order.\n\n")
        .append("| segment | rows | batches | false alarms | detections (detector: batch) |\n")
        .append("| --- | ---: | ---: | ---: | --- |\n");
    for (Alone a : runs) {
      List<DriftEvent> events = a.drift() == null || a.drift().events() == null ? List.of() : a.drift().events();
      md.append("| ").append(a.segment()).append(" | ").append(a.rows()).append(" | ").append(a.batches())
          .append(" | ").append(events.size()).append(" | ")
          .append(events.isEmpty() ? "none" : String.join(", ", events.stream()
              .map(e -> e.detector() + ": " + e.batch()).toList()))
          .append(" |\n");
    }
    return md.toString();
  }

  /**
   * Segments back to back: the detections around each boundary, and each model's prequential
   * AUC after it with and without the window's restart.
   */
  static String backToBack(DriftSettings settings, int batchRows, List<String> segments, List<Long> boundaries,
                           DriftReport reported, List<Map<String, Double>> aucReported,
                           List<Map<String, Double>> aucReset, DriftReport reset) {
    StringBuilder md = new StringBuilder("# Drift detection: segments back to back\n\n")
        .append(settingsLine(settings, batchRows))
        .append("Stream: ").append(String.join(" → ", segments)).append(". A change begins after row")
        .append(boundaries.size() > 1 ? "s " : " ").append(boundaries).append(".\n\n")
        .append("| detector | detected in batch | after row | rows after the change | estimated change"
            + " point | note |\n")
        .append("| --- | ---: | ---: | ---: | ---: | --- |\n");
    List<DriftEvent> events = reported == null || reported.events() == null ? List.of() : reported.events();
    for (DriftEvent e : events) {
      Long boundary = boundaries.stream().filter(b -> b <= e.detectedAt()).reduce((x, y) -> y).orElse(null);
      md.append("| ").append(e.detector()).append(" | ").append(e.batch()).append(" | ").append(e.detectedAt())
          .append(" | ").append(boundary == null ? "–" : Long.toString(e.detectedAt() - boundary))
          .append(" | ").append(e.changePoint()).append(" | ")
          .append(boundary == null ? "false alarm (before the first change)" : "")
          .append(" |\n");
    }
    if (events.isEmpty()) {
      md.append("| none | | | | | no change detected |\n");
    }
    md.append("\nPrequential AUC-ROC after each change (pooled over the next segment's rows), with"
        + " --on-drift report and with --on-drift reset-window (")
        .append(reset == null || reset.events() == null ? 0 : reset.events().size())
        .append(" window restarts):\n\n");
    for (int i = 0; i < aucReported.size(); i++) {
      md.append("After row ").append(boundaries.get(i)).append(" (").append(segments.get(i + 1)).append("):\n\n")
          .append("| model | report | reset-window |\n| --- | ---: | ---: |\n");
      TreeSet<String> models = new TreeSet<>(aucReported.get(i).keySet());
      models.addAll(aucReset.get(i).keySet());
      for (String m : models) {
        md.append("| ").append(m).append(" | ").append(auc(aucReported.get(i).get(m))).append(" | ")
            .append(auc(aucReset.get(i).get(m))).append(" |\n");
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String settingsLine(DriftSettings s, int batchRows) {
    return String.format(Locale.ROOT, "Page-Hinkley: delta %s, threshold %s, at least %d rows; batches of %d"
        + " rows.%n%n", s.delta(), s.threshold(), s.minRows(), batchRows);
  }

  private static String auc(Double v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }
}
