package io.crimestream.local;

import io.crimestream.job.config.JobConfig;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.options.ModelKind;
import io.crimestream.producer.LoadedMonths;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.stream.Collectors;

/**
 * {@code --dry-run}: everything a run checks before it starts Kafka or Spark (the options, the
 * source, the rows of each month), then what it would run, printed; nothing is started.
 */
public final class DryRun {

  private DryRun() {}

  /** The local run's plan; throws as the run would for a bad option (exit 2) or source (exit 3). */
  static void local(LocalRun.Request request, PrintStream out, PrintStream progress) throws Exception {
    LocalRun.Loaded both = LocalRun.load(request, progress);
    LoadedMonths loaded = both.stream();
    JobConfig config = request.jobSettings().apply(JobConfig.builder(
            KafkaConnection.plaintext("127.0.0.1:9092"), request.topic(), Path.of("checkpoint"))
        .months(request.months().stream().map(YearMonth::toString).toList())).build();
    out.println("dry run: nothing started. A run would:");
    if (both.history() != null) {
      out.printf("  learn  first, as history: %s: %s%n", both.history().source(), monthsLine(both.history()));
    }
    out.printf("  read   %s: %s%n", loaded.source(), monthsLine(loaded));
    out.printf("  start  a Kafka broker (KRaft) in this process, topic %s%s%n", config.topic(),
        config.deadLetterTopic() == null ? "" : " and " + config.deadLetterTopic());
    out.printf("  send   %d rows, %s%n", loaded.rows().size(), request.pace());
    out.printf("  learn  Spark local[2], a micro-batch at most every %s of at most %d records; %s%n",
        config.triggerInterval().toMillis() + " ms", config.maxRowsPerBatch(), learning(config.learning()));
    if (config.httpPort() != null) {
      out.printf("  serve  /metrics (Prometheus) on http://%s:%d%n", config.httpAddress(), config.httpPort());
    }
    out.printf("  write  %s, %s, %s, the registry %s%n", request.outDir().resolve("metrics.json"),
        request.outDir().resolve("predictions.jsonl"), request.outDir().resolve("charts"),
        request.outDir().resolve("models"));
  }

  /** {@code 2016-05: 3446 rows} for each month, with the lines read. */
  public static String monthsLine(LoadedMonths loaded) {
    var perMonth = loaded.rows().stream().collect(Collectors.groupingBy(r -> r.month(),
        java.util.TreeMap::new, Collectors.counting()));
    return perMonth.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + " rows")
        .collect(Collectors.joining(", ")) + " (" + loaded.readSummary().rows() + " lines read, "
        + loaded.readSummary().rejectedTotal() + " rejected)";
  }

  public static String learning(LearningConfig l) {
    return "models " + ModelKind.render(l.models()) + ", features " + l.features().id()
        + ", training window " + l.window() + ", decision threshold " + l.decisionThreshold()
        + (l.excludeArrestRecordedTypes() ? ", without the arrest-recorded types" : "")
        + ", drift detection (Page-Hinkley) delta " + l.drift().delta() + " threshold " + l.drift().threshold()
        + " after " + l.drift().minRows() + " rows, on drift " + (l.drift().resetWindow() ? "reset-window" : "report");
  }
}
