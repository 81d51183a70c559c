package io.crimestream.job.predictions;

import io.crimestream.metrics.MetricsJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code predictions.jsonl}: one prediction per line, appended after each batch and flushed, so
 * that a reader following the file sees whole lines. A local run starts it afresh; it keeps no
 * state across a restart (the local run has none).
 */
public final class JsonlPredictionSink implements PredictionSink {

  private final Path file;
  private final OutputStream out;

  public JsonlPredictionSink(Path file) throws IOException {
    this.file = file;
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
  }

  @Override
  public synchronized void publish(long batch, List<SourcedPrediction> predictions) throws IOException {
    for (SourcedPrediction p : predictions) {
      out.write(MetricsJson.predictionBytes(p.prediction()));
      out.write('\n');
    }
    out.flush();
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      // the lines were flushed after every batch
    }
  }

  @Override
  public String toString() {
    return "file " + file;
  }
}
