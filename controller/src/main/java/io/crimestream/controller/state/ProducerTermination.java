package io.crimestream.controller.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crimestream.controller.api.SourceStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a producer container ended: its exit code (whose meaning the producer defines) and its
 * termination message: the summary it writes to {@code CRIMESTREAM_TERMINATION_MESSAGE_PATH},
 * or the tail of its log when it failed without one. A month's status reads its Job's last
 * finished pod through this.
 *
 * @param exitCode the container's exit code
 * @param message  the termination message, possibly empty
 */
public record ProducerTermination(int exitCode, String message) {

  /** {@code "rowsSent": 805} in a JSON summary. */
  private static final Pattern JSON_ROWS_SENT = Pattern.compile("\"rowsSent\"\\s*:\\s*(\\d+)");
  /** The producer's summary line: {@code done: 805 of 805 valid rows of 2016-04 acknowledged ...}. */
  private static final Pattern SUMMARY_ROWS_SENT =
      Pattern.compile("(\\d+) of \\d+ valid rows of .*? acknowledged");
  /** The producer's progress line: {@code 2016-05: 3446/3446 rows sent (100.0%) ...}. */
  private static final Pattern PROGRESS_ROWS_SENT = Pattern.compile("(\\d+)/\\d+ rows sent");

  private static final ObjectMapper JSON = new ObjectMapper();

  public static Optional<ProducerTermination> of(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .map(ContainerStatus::getState)
        .filter(s -> s != null && s.getTerminated() != null)
        .map(s -> s.getTerminated())
        .findFirst()
        .map(t -> new ProducerTermination(t.getExitCode() == null ? -1 : t.getExitCode(),
            message(t)));
  }

  /** The termination of the Job's most recently finished pod. */
  public static Optional<ProducerTermination> last(Job job, List<Pod> pods) {
    String uid = job.getMetadata().getUid();
    return pods.stream()
        .filter(p -> p.getMetadata().getOwnerReferences().stream()
            .anyMatch(r -> r.getUid() != null && r.getUid().equals(uid)))
        .filter(p -> ProducerTermination.of(p).isPresent())
        .max(Comparator.comparing(ProducerTermination::finishedAt))
        .flatMap(ProducerTermination::of);
  }

  private static String finishedAt(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .filter(s -> s.getState() != null && s.getState().getTerminated() != null)
        .map(s -> s.getState().getTerminated().getFinishedAt())
        .filter(t -> t != null)
        .findFirst()
        .orElse(pod.getMetadata().getCreationTimestamp() == null ? ""
            : pod.getMetadata().getCreationTimestamp());
  }

  private static String message(ContainerStateTerminated t) {
    return t.getMessage() == null ? "" : t.getMessage().strip();
  }

  /** The producer's JSON termination message, or empty for a plain text one (a log's tail). */
  private Optional<JsonNode> json() {
    if (!message.startsWith("{")) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(message));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Where every line of the source went, as the producer's termination message reports it. */
  public Optional<SourceStatus> source() {
    return json().map(j -> j.get("source")).filter(s -> s != null && s.isObject()).map(s -> {
      Map<String, Long> rejected = new TreeMap<>();
      s.path("rejected").properties().forEach(e -> rejected.put(e.getKey(), e.getValue().asLong()));
      return new SourceStatus(s.path("rowsRead").asLong(), s.path("rowsOfMonths").asLong(), rejected,
          s.path("outsideMonths").asLong(), s.path("duplicateIds").asLong());
    });
  }

  /** The message's words: the JSON message's text, else the message as it is. */
  public String text() {
    return json().map(j -> j.path("message").asText("")).orElse(message);
  }

  /** Rows sent and acknowledged, as the last summary or progress line in the message says. */
  public OptionalLong rowsSent() {
    Matcher json = JSON_ROWS_SENT.matcher(message);
    if (json.find()) {
      return OptionalLong.of(Long.parseLong(json.group(1)));
    }
    OptionalLong summary = last(SUMMARY_ROWS_SENT.matcher(message));
    return summary.isPresent() ? summary : last(PROGRESS_ROWS_SENT.matcher(message));
  }

  private static OptionalLong last(Matcher matcher) {
    Long last = null;
    while (matcher.find()) {
      last = Long.parseLong(matcher.group(1));
    }
    return last == null ? OptionalLong.empty() : OptionalLong.of(last);
  }

  /** The producer's exit codes in words. */
  public String exitMeaning() {
    return switch (exitCode) {
      case 0 -> "every row was acknowledged";
      case 1 -> "some rows were not delivered to Kafka";
      case 2 -> "a usage or configuration error";
      case 3 -> "the dataset source could not be read";
      default -> "exit code " + exitCode;
    };
  }

  /** A one-line account for a condition: the meaning and the message's last line. */
  public String describe() {
    String text = text();
    String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
    return "exit code " + exitCode + " (" + exitMeaning() + ")" + (last.isEmpty() ? "" : ": " + last);
  }
}
