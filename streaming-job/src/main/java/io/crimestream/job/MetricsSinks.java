package io.crimestream.job;

import io.crimestream.job.sink.ConfigMapMetricsSink;
import io.crimestream.job.sink.MetricsSink;

/** Builds the sinks that need more than a path. */
final class MetricsSinks {

  private MetricsSinks() {}

  /** The ConfigMap sink, on the pod's in-cluster credentials. */
  static MetricsSink configMap(String name, String namespace) {
    return new ConfigMapMetricsSink(namespace, name);
  }
}
