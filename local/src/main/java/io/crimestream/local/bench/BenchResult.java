package io.crimestream.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
 * @param savedModels          whether each cycle saved its versions to a model registry (the job
 *                             always does; {@code --no-registry} measures what saving adds)
 * @param cycle                the micro-batch cycle as accumulated rows grow
 * @param fullReplay           a year of GENERATED rows replayed through the job; null when not measured
 */
public record BenchResult(Machine machine, double replayRowsPerSecond, long firstBatchMillis,
                   long peakHeapBytes, long liveHeapBytes, long baselineHeapBytes, long peakRssBytes, String trainingWindow,
                   List<String> models, int batchRows, boolean savedModels, List<Cycle> cycle,
                   FullReplay fullReplay) {

  /**
   * @param rows               GENERATED rows replayed (resampled from the real exports)
   * @param millis             from the first record sent to the last batch trained
   * @param batches            micro-batches the job read them in
   * @param retrains           learning steps (test, then retrain) over those batches
   * @param stepRows           the smallest learning step ({@code --max-rows-per-batch})
   * @param maxRowsWhenBehind  the largest micro-batch ({@code --max-rows-when-behind})
   * @param champion           the model whose predictions were published at the end
   * @param championPrequentialAuc its cumulative prequential AUC-ROC over the replay
   */
  public record FullReplay(long rows, long millis, int batches, long retrains, int stepRows,
                           int maxRowsWhenBehind, String champion, Double championPrequentialAuc) {}


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
   * @param cpuP50Millis   median CPU time of the whole process per cycle (all threads): steadier
   *                       than the wall clock on a machine shared with other work
   * @param sparkJobs      Spark jobs per cycle (median over the samples) of each model's fit, of
   *                       building the training frame ({@code training_frame}), of saving the
   *                       versions ({@code save}) and of anything else ({@code other})
   * @param stageMillis    median milliseconds of each stage of the cycle (BatchMetrics' stages)
   */
  public record Cycle(long rows, long p50Millis, long p95Millis, Long studyP50Millis, Double ratio,
               int samples, long cpuP50Millis, Map<String, Long> sparkJobs, Map<String, Long> stageMillis) {}
}
