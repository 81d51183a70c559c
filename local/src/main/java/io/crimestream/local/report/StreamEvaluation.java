package io.crimestream.local.report;

import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.job.predictions.PredictionSink;
import io.crimestream.job.sink.MetricsSink;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * The streaming evaluation without Kafka: the rows, in time order, cut into batches of a fixed
 * size and given to the same {@link MicroBatchProcessor} the streaming job uses. Fixed batches
 * make the figures repeatable, which a stream's timing-dependent batches are not.
 */
public final class StreamEvaluation {

  static final String SOURCE = "evaluation";

  private StreamEvaluation() {}

  public static MetricsReport run(SparkSession spark, List<CrimeRecord> rows, List<String> months,
                                  LearningConfig learning, int batchRows, List<MetricsSink> sinks,
                                  Consumer<MicroBatchProcessor.BatchOutcome> onBatch)
      throws IOException, InterruptedException {
    return run(spark, List.of(), rows, months, learning, batchRows, sinks, onBatch);
  }

  /**
   * The same after {@code history}: learned from first, in batches of their own, never scored
   * (a warm start).
   */
  public static MetricsReport run(SparkSession spark, List<CrimeRecord> history, List<CrimeRecord> rows,
                                  List<String> months, LearningConfig learning, int batchRows,
                                  List<MetricsSink> sinks, Consumer<MicroBatchProcessor.BatchOutcome> onBatch)
      throws IOException, InterruptedException {
    return run(spark, history, rows, months, learning, batchRows, sinks, List.of(), onBatch);
  }

  /** The same, with every stream row's prediction to {@code predictions}. */
  public static MetricsReport run(SparkSession spark, List<CrimeRecord> history, List<CrimeRecord> rows,
                                  List<String> months, LearningConfig learning, int batchRows,
                                  List<MetricsSink> sinks, List<PredictionSink> predictions,
                                  Consumer<MicroBatchProcessor.BatchOutcome> onBatch)
      throws IOException, InterruptedException {
    Path checkpoint = Files.createTempDirectory("crimestream-evaluation-");
    try (MicroBatchProcessor processor = MicroBatchProcessor.builder(spark, learning, checkpoint)
        .topic(SOURCE).months(months).sinks(sinks).predictions(predictions).build()) {
      long[] offset = {0};
      long batch = 0;
      for (boolean isHistory : new boolean[] {true, false}) {
        List<CrimeRecord> part = isHistory ? history : rows;
        for (int start = 0; start < part.size(); start += batchRows) {
          List<IncomingRecord> records = new ArrayList<>(batchRows);
          for (CrimeRecord r : part.subList(start, Math.min(part.size(), start + batchRows))) {
            records.add(new IncomingRecord(SOURCE, 0, offset[0]++,
                WireCodec.key(r).getBytes(StandardCharsets.UTF_8), WireCodec.encode(r), isHistory));
          }
          onBatch.accept(processor.process(batch++, records));
        }
      }
      return processor.report();
    } finally {
      try (var files = Files.walk(checkpoint)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
