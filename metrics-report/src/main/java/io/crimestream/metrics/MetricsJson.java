package io.crimestream.metrics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes the metrics documents as JSON. */
public final class MetricsJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      // a newer job may add fields; an older reader still reads the ones it knows
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private MetricsJson() {}

  public static String write(Object document, boolean pretty) {
    try {
      return pretty
          ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document)
          : MAPPER.writeValueAsString(document);
    } catch (IOException e) {
      throw new UncheckedIOException("metrics are plain records and always serialize", e);
    }
  }

  /**
   * Writes to a temporary file and renames it, so that a reader never sees half a document. The
   * file gets the permissions any file the user creates gets (not a temporary file's owner-only).
   */
  public static void writeAtomically(Object document, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".tmp");
    try {
      Files.writeString(tmp, write(document, true), java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static MetricsReport readReport(String json) throws IOException {
    return MAPPER.readValue(json, MetricsReport.class);
  }

  public static MetricsReport readReport(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), MetricsReport.class);
  }

  /** One prediction as one line of UTF-8 JSON (no line break), as on the predictions topic. */
  public static byte[] predictionBytes(Prediction p) {
    try {
      return MAPPER.writeValueAsBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("a prediction is a plain record and always serializes", e);
    }
  }

  public static Prediction readPrediction(String json) throws IOException {
    return MAPPER.readValue(json, Prediction.class);
  }

  public static MetricsReport.Summary readSummary(String json) throws IOException {
    return MAPPER.readValue(json, MetricsReport.Summary.class);
  }
}
