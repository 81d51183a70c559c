package io.crimestream.local.bench;

import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.job.registry.ModelRegistry;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.WireCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * This project's micro-batch cycle (records handed to the job's processor to metrics
 * published), {@code samples} times at each accumulated size after {@code warmup} unmeasured
 * cycles, with the processor the job runs.
 *
 * @param millisPerSize  per size, the measured cycles
 * @param jobsPerSize    per size, the Spark jobs of each step (each model's fit, the training
 *                       frame, saving) per cycle: the median over the measured cycles
 * @param stagesPerSize  per size, the median milliseconds of each stage of the cycle
 * @param cpuPerSize     per size, the median CPU milliseconds the whole process spent per cycle
 *                       (every thread, Spark's and the broker's included): on a machine shared
 *                       with other work, a steadier figure than the wall clock
 * @param liveHeapBytes  heap in use after a full collection, with the largest size accumulated
 */
record CycleTimes(List<List<Long>> millisPerSize, List<Map<String, Long>> jobsPerSize,
                  List<Map<String, Long>> stagesPerSize, List<Long> cpuPerSize, long liveHeapBytes) {

  /** Rows per unmeasured batch that brings the accumulated rows up to the next size. */
  static final int FILL_BATCH_ROWS = 250_000;
  /** The job's default number of versions kept per model. */
  static final int KEEP_VERSIONS = 5;

  static CycleTimes measure(SparkSession spark, List<CrimeRecord> stream, List<Integer> sizes, int warmup,
                            int samples, int batchRows, LearningConfig learning, boolean saveModels,
                            Path metricsFile, PrintStream log)
      throws Exception {
    List<List<Long>> result = new ArrayList<>();
    List<Map<String, Long>> jobs = new ArrayList<>();
    List<Map<String, Long>> stages = new ArrayList<>();
    List<Long> cpu = new ArrayList<>();
    long liveHeap = 0;
    Path checkpoint = Files.createTempDirectory("crimestream-bench-");
    // the registry too: saving each batch's versions is part of the job's cycle
    try (MicroBatchProcessor processor = MicroBatchProcessor.builder(spark, learning, checkpoint)
        .topic("bench").sinks(List.of(new JsonFileMetricsSink(metricsFile)))
        .registry(saveModels ? new ModelRegistry(checkpoint.resolve("models"), KEEP_VERSIONS) : null).build()) {
      int next = 0;
      long batch = 0;
      for (int size : sizes) {
        while (next < size) {
          int end = Math.min(size, next + FILL_BATCH_ROWS);
          processor.process(batch++, incoming(stream.subList(next, end), next));
          next = end;
        }
        // the first cycles after a size is reached are the slowest (JIT, a warm start from the
        // fill batch's models): run them unmeasured
        for (int w = 0; w < warmup; w++) {
          processor.process(batch++, incoming(stream.subList(next, next + batchRows), next));
          next += batchRows;
        }
        List<Long> ms = new ArrayList<>();
        List<Map<String, Long>> jobSamples = new ArrayList<>();
        List<Map<String, Long>> stageSamples = new ArrayList<>();
        List<Long> cpuMs = new ArrayList<>();
        processor.sparkJobsSinceLastAsked(); // the fill batches' jobs are not the cycle's
        for (int s = 0; s < samples; s++) {
          List<IncomingRecord> records = incoming(stream.subList(next, next + batchRows), next);
          next += batchRows;
          long t = System.nanoTime();
          long c = ProcessMemory.cpuNanos();
          MicroBatchProcessor.BatchOutcome outcome = processor.process(batch++, records);
          ms.add((System.nanoTime() - t) / 1_000_000);
          cpuMs.add((ProcessMemory.cpuNanos() - c) / 1_000_000);
          jobSamples.add(processor.sparkJobsSinceLastAsked());
          if (outcome.metrics() != null && outcome.metrics().stageMillis() != null) {
            stageSamples.add(outcome.metrics().stageMillis());
          }
        }
        Map<String, Long> jobsMedian = medians(jobSamples);
        log.printf("cycle at %,d rows: %s ms (CPU %s ms); Spark jobs per cycle %s; stages (median ms) %s%n", size,
            ms, cpuMs, jobsMedian, medians(stageSamples));
        cpu.add(Percentiles.of(cpuMs, 50));
        result.add(ms);
        jobs.add(jobsMedian);
        stages.add(medians(stageSamples));
        if (size == sizes.get(sizes.size() - 1)) {
          liveHeap = ProcessMemory.liveHeapAfterFullGc();
        }
      }
    }
    return new CycleTimes(result, jobs, stages, cpu, liveHeap);
  }

  /** Per key, the median of its values over {@code samples} (a key missing from a sample counts 0). */
  static Map<String, Long> medians(List<Map<String, Long>> samples) {
    Map<String, Long> out = new TreeMap<>();
    samples.forEach(m -> m.keySet().forEach(k -> out.put(k, 0L)));
    out.replaceAll((k, zero) -> Percentiles.of(samples.stream().map(m -> m.getOrDefault(k, 0L)).toList(), 50));
    return out;
  }

  static List<IncomingRecord> incoming(List<CrimeRecord> rows, long firstOffset) {
    List<IncomingRecord> out = new ArrayList<>(rows.size());
    long offset = firstOffset;
    for (CrimeRecord r : rows) {
      out.add(new IncomingRecord("bench", 0, offset++, WireCodec.key(r).getBytes(StandardCharsets.UTF_8),
          WireCodec.encode(r)));
    }
    return out;
  }
}
