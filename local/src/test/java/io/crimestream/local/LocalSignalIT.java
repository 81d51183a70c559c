package io.crimestream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.record.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of {@code ./crimestream local}: the launcher, run as the script runs it
 * (a JVM of its own), stops within its grace period with the status a shell reports for Ctrl-C
 * (130), and leaves metrics.json with every completed batch, the source's account and the charts.
 */
class LocalSignalIT {

  private static final Duration DEADLINE = Duration.ofMinutes(4);

  @Test
  void ctrlCEndsALocalRunInOrderWithTheOutputsOfEveryCompletedBatch(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Path metrics = out.resolve("metrics.json");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
    command.addAll(Arrays.asList(System.getProperty("crimestream.sparkJvmOptions").trim().split("\\s+")));
    command.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
        "io.crimestream.local.CrimeStreamCli", "local",
        "--data", SharedData.file(SharedData.KAGGLE).toAbsolutePath().toString(), "--months", "2016-05",
        "--out", out.toString(), "--rows-per-second", "100", "--batch-rows", "10",
        // any free port: the default one may be another run's on a shared machine
        "--http-port", "0"));
    Path log = dir.resolve("local.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (batches(metrics) < 2) {
        assertThat(p.isAlive()).as("the run ended on its own:\n%s", tail(log)).isTrue();
        assertThat(System.nanoTime()).as("two batches within %s:\n%s", DEADLINE, tail(log))
            .isLessThan(deadline);
        Thread.sleep(200); // polling the metrics file, bounded by the deadline above
      }
      long asked = System.nanoTime();
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ended after Ctrl-C:\n%s", tail(log)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(30));
      assertThat(p.exitValue()).as(tail(log)).isEqualTo(130);
    } finally {
      p.destroyForcibly();
    }
    String printed = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(printed).contains("asked to stop").contains("stopped by a signal after")
        .as("nothing a user cannot act on, such as a native BLAS that is not installed")
        .doesNotContain("netlib-blas", "dlopen");
    MetricsReport report = MetricsJson.readReport(metrics);
    assertThat(report.summary().rowsTotal()).isEqualTo(
        report.batches().stream().mapToLong(BatchMetrics::rowsInBatch).sum()).isLessThan(3446);
    assertThat(report.source()).as("where every line went, as read before the stop").isNotNull();
    assertThat(report.source().rowsOfMonths()).isEqualTo(3446);
    assertThat(out.resolve("charts").resolve("models-auc.png")).isRegularFile();
  }

  private static int batches(Path metrics) {
    try {
      return Files.isRegularFile(metrics) ? MetricsJson.readReport(metrics).batches().size() : 0;
    } catch (IOException e) {
      return 0; // replaced atomically, so only before the first write
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
