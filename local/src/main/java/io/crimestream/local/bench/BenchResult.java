package io.crimestream.local.bench;

import java.util.List;

/**
 * {@code bench.json}.
 *
 * @param machine              what the figures were taken on
 * @param replayRowsPerSecond  producer to broker, replay mode, rows acknowledged per second
 * @param firstBatchMillis     from the job's start (Spark session included) to its first batch's
 *                             metrics, with the study's first 120 rows waiting on the topic
 * @param peakHeapBytes        the JVM's highest heap use during the run, garbage included (seen
 *                             just before each collection)
 * @param liveHeapBytes        heap in use after a full collection, with the largest size accumulated
 * @param baselineHeapBytes    heap in use after a full collection before the first measured batch:
 *                             the bench's own generated rows and Spark, which the job's figure includes
 * @param peakRssBytes         the process's peak resident memory (broker and Spark included)
 * @param cycle                the micro-batch cycle as accumulated rows grow
 */
record BenchResult(Machine machine, double replayRowsPerSecond, long firstBatchMillis,
                   long peakHeapBytes, long liveHeapBytes, long baselineHeapBytes, long peakRssBytes, String trainingWindow,
                   List<String> models, int batchRows, List<Cycle> cycle) {

  record Machine(String os, String cpu, int cores, long memoryBytes, String java, String spark,
                 String date) {}

  /**
   * @param rows           rows accumulated before the measured batches
   * @param p50Millis      median cycle, this project's strategy
   * @param p95Millis      95th percentile (the slowest of few samples)
   * @param studyP50Millis median cycle of the study's strategy, or null when not measured
   * @param ratio          study over this project, or null
   */
  record Cycle(long rows, long p50Millis, long p95Millis, Long studyP50Millis, Double ratio,
               int samples) {}
}
