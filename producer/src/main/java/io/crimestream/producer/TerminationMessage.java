package io.crimestream.producer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The run's last word, written where Kubernetes reads a container's termination message, so
 * that the controller can say in the CrimeStream's status how a month's Job ended (rows
 * acknowledged, or why not) without reading logs. Only when
 * {@value #ENV_PATH} names the file (the controller sets it); a failure to write is a note,
 * never a failure of the run.
 */
final class TerminationMessage {

  /** The same name as the controller's {@code ProducerJobsDependent.ENV_TERMINATION_MESSAGE_PATH}. */
  static final String ENV_PATH = "CRIMESTREAM_TERMINATION_MESSAGE_PATH";
  /** Kubernetes keeps at most 4096 bytes of a termination message. */
  static final int MAX_BYTES = 4096;

  private TerminationMessage() {}

  static void write(Map<String, String> env, String message, PrintStream err) {
    String path = env.get(ENV_PATH);
    if (path == null || path.isBlank() || message == null) {
      return;
    }
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      // cut on a character boundary, keeping the start, where the counts are
      String cut = message.substring(0, Math.min(message.length(), MAX_BYTES / 4));
      bytes = cut.getBytes(StandardCharsets.UTF_8);
    }
    try {
      Files.write(Path.of(path), bytes);
    } catch (IOException | RuntimeException e) {
      err.println("note: cannot write the termination message to " + path + ": " + e.getMessage());
    }
  }
}
