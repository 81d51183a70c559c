package io.crimestream.job.predictions;

import java.io.IOException;
import java.util.List;

/**
 * Where a batch's predictions go: the predictions topic, {@code predictions.jsonl}. Each
 * prediction carries the input record it is for, so that a sink can publish it at most once
 * although Spark runs a batch again after a crash.
 */
public interface PredictionSink extends AutoCloseable {

  /** Publishes {@code batch}'s predictions; throws when they cannot be kept (the batch then fails). */
  void publish(long batch, List<SourcedPrediction> predictions) throws IOException;

  @Override
  default void close() {}

  /** Predictions go nowhere (the report and the benchmark). */
  PredictionSink NONE = (batch, predictions) -> { };
}
