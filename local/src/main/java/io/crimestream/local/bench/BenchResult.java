package io.crimestream.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
public record BenchResult(Machine machine, double replayRowsPerSecond, long firstBatchMillis,
                   long peakHeapBytes, long liveHeapBytes, long baselineHeapBytes, long peakRssBytes, String trainingWindow,
                   List<String> models, int batchRows, List<Cycle> cycle) {

  public record Machine(String os, String cpu, int cores, long memoryBytes, String java, String spark,
                        String date) {

    /** This machine, now. */
    public static Machine current(String sparkVersion) {
      String cpu = "unknown";
      long memory = 0;
      try {
        cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name")).findFirst()
            .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
            .filter(l -> l.startsWith("MemTotal:")).findFirst()
            .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(0L);
      } catch (IOException e) {
        // not Linux
      }
      return new Machine(System.getProperty("os.name") + " " + System.getProperty("os.version"), cpu,
          Runtime.getRuntime().availableProcessors(), memory,
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), sparkVersion,
          Instant.now().toString());
    }
  }

  /**
   * @param rows           rows accumulated before the measured batches
   * @param p50Millis      median cycle, this project's strategy
   * @param p95Millis      95th percentile (the slowest of few samples)
   * @param studyP50Millis median cycle of the study's strategy, or null when not measured
   * @param ratio          study over this project, or null
   */
  public record Cycle(long rows, long p50Millis, long p95Millis, Long studyP50Millis, Double ratio,
               int samples) {}
}
