package io.crimestream.job.sink;

import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import java.io.IOException;
import java.nio.file.Path;

/** {@code metrics.json} on a local disk, replaced atomically after every batch. */
public final class JsonFileMetricsSink implements MetricsSink {

  private final Path file;

  public JsonFileMetricsSink(Path file) {
    this.file = file;
  }

  @Override
  public void publish(MetricsReport report) throws IOException {
    MetricsJson.writeAtomically(report, file);
  }

  @Override
  public String toString() {
    return "file " + file;
  }
}
