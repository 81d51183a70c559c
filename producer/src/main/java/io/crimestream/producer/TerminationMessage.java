package io.crimestream.producer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crimestream.metrics.SourceAccount;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The run's last word, written where Kubernetes reads a container's termination message, so
 * that the controller can say in the CrimeStream's status how a month's Job ended (rows
 * acknowledged, where every line of the source went, or why not) without reading logs. A small
 * JSON object; only when {@value #ENV_PATH} names the file (the controller sets it); a failure to
 * write is a note, never a failure of the run.
 *
 * @param message  the summary line, or the error that stopped the run
 * @param rowsSent rows the broker acknowledged, when the run got that far
 * @param source   where every line of the source went, when it was read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TerminationMessage(String message, Long rowsSent, SourceAccount source) {

  /** The same name as the controller's {@code ProducerJobsDependent.ENV_TERMINATION_MESSAGE_PATH}. */
  static final String ENV_PATH = "CRIMESTREAM_TERMINATION_MESSAGE_PATH";
  /** Kubernetes keeps at most 4096 bytes of a termination message. */
  static final int MAX_BYTES = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  static TerminationMessage of(ProducerResult result) {
    return new TerminationMessage(result.summaryLine(), result.rowsAcknowledged(), result.source());
  }

  static TerminationMessage error(String message) {
    return new TerminationMessage(message, null, null);
  }

  /** The JSON text, within Kubernetes' limit: a long message is cut, the counts are kept. */
  String json() {
    try {
      String text = JSON.writeValueAsString(this);
      if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES || message == null) {
        return text;
      }
      String cut = message.substring(0, Math.min(message.length(), MAX_BYTES / 8)) + "...";
      return JSON.writeValueAsString(new TerminationMessage(cut, rowsSent, source));
    } catch (IOException e) {
      throw new IllegalStateException("a termination message is plain data and always serializes", e);
    }
  }

  void write(Map<String, String> env, PrintStream err) {
    String path = env.get(ENV_PATH);
    if (path == null || path.isBlank()) {
      return;
    }
    try {
      Files.writeString(Path.of(path), json());
    } catch (IOException | RuntimeException e) {
      err.println("note: cannot write the termination message to " + path + ": " + e.getMessage());
    }
  }
}
