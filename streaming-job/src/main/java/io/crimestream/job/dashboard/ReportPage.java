package io.crimestream.job.dashboard;

import io.crimestream.metrics.MetricsReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * {@code report.html}: the dashboard's page for a finished run, in one file that opens from disk
 * with no server: the same charts as the live dashboard, its data and scripts inlined.
 */
public final class ReportPage {

  public static final String FILE = "report.html";

  private ReportPage() {}

  /** Writes the page for {@code report} to {@code file} (replacing it whole); returns the file. */
  public static Path write(MetricsReport report, List<RecentPrediction> predictions, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.writeString(tmp, html(report, predictions, Instant.now()));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }

  static String html(MetricsReport report, List<RecentPrediction> predictions, Instant generated) {
    DashboardData data = new DashboardData(null, false, generated.toString(), -1, report, List.copyOf(predictions));
    return DashboardPage.selfContained(DashboardAssets.get(), data.toJson());
  }
}
