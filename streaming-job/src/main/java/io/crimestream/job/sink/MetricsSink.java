package io.crimestream.job.sink;

import io.crimestream.metrics.MetricsReport;
import java.io.IOException;

/**
 * Where the job publishes its metrics after every micro-batch. Each call carries the whole
 * report, so that a sink can replace what it holds: a reader never has to merge.
 */
public interface MetricsSink extends AutoCloseable {

  void publish(MetricsReport report) throws IOException;

  @Override
  default void close() {}
}
