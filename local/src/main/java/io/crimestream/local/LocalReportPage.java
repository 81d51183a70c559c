package io.crimestream.local;

import io.crimestream.job.dashboard.LatestPredictions;
import io.crimestream.job.dashboard.RecentPrediction;
import io.crimestream.job.dashboard.ReportPage;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.Prediction;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.RecordKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local run's {@code report.html}: the dashboard's page for the finished run, with the latest
 * predictions read back from the run's {@code predictions.jsonl} and each incident's type and
 * description from the source the run streamed (the published prediction carries neither).
 */
final class LocalReportPage {

  private LocalReportPage() {}

  static Path write(MetricsReport report, Path outDir, List<CrimeRecord> streamed) throws IOException {
    List<Prediction> latest = latest(outDir.resolve("predictions.jsonl"), LatestPredictions.DEFAULT_CAPACITY);
    Map<String, Prediction> wanted = new HashMap<>();
    latest.forEach(p -> wanted.put(p.id(), p));
    Map<String, CrimeRecord> incidents = new HashMap<>();
    for (CrimeRecord r : streamed) {
      String key = RecordKey.text(r.id());
      if (wanted.containsKey(key)) {
        incidents.put(key, r);
      }
    }
    List<RecentPrediction> rows = new ArrayList<>(latest.size());
    for (Prediction p : latest) {
      rows.add(RecentPrediction.of(p, incidents.get(p.id())));
    }
    return ReportPage.write(report, rows, outDir.resolve(ReportPage.FILE));
  }

  /** The last {@code n} predictions of the file, the most recent first; none if there is no file. */
  static List<Prediction> latest(Path file, int n) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    Deque<String> last = new ArrayDeque<>(n);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        if (last.size() == n) {
          last.removeFirst();
        }
        last.addLast(line);
      }
    }
    List<Prediction> out = new ArrayList<>(last.size());
    for (var it = last.descendingIterator(); it.hasNext(); ) {
      String line = it.next();
      try {
        out.add(MetricsJson.readPrediction(line));
      } catch (IOException e) {
        throw new IOException(file + ": a line is not a prediction (" + e.getMessage() + ")", e);
      }
    }
    return out;
  }
}
