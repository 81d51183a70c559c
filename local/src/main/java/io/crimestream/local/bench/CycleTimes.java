package io.crimestream.local.bench;

import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.WireCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * This project's micro-batch cycle (records handed to the job's processor to metrics
 * published), {@code samples} times at each accumulated size, with the processor the job runs.
 *
 * @param millisPerSize  per size, the measured cycles
 * @param liveHeapBytes  heap in use after a full collection, with the largest size accumulated
 */
record CycleTimes(List<List<Long>> millisPerSize, long liveHeapBytes) {

  /** Rows per unmeasured batch that brings the accumulated rows up to the next size. */
  static final int FILL_BATCH_ROWS = 250_000;

  static CycleTimes measure(SparkSession spark, List<CrimeRecord> stream, List<Integer> sizes, int samples,
                            int batchRows, LearningConfig learning, Path metricsFile, PrintStream log)
      throws Exception {
    List<List<Long>> result = new ArrayList<>();
    long liveHeap = 0;
    Path checkpoint = Files.createTempDirectory("crimestream-bench-");
    try (MicroBatchProcessor processor = MicroBatchProcessor.builder(spark, learning, checkpoint)
        .topic("bench").sinks(List.of(new JsonFileMetricsSink(metricsFile))).build()) {
      int next = 0;
      long batch = 0;
      for (int size : sizes) {
        while (next < size) {
          int end = Math.min(size, next + FILL_BATCH_ROWS);
          processor.process(batch++, incoming(stream.subList(next, end), next));
          next = end;
        }
        List<Long> ms = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
          List<IncomingRecord> records = incoming(stream.subList(next, next + batchRows), next);
          next += batchRows;
          long t = System.nanoTime();
          processor.process(batch++, records);
          ms.add((System.nanoTime() - t) / 1_000_000);
        }
        log.printf("cycle at %,d rows: %s ms%n", size, ms);
        result.add(ms);
        if (size == sizes.get(sizes.size() - 1)) {
          liveHeap = ProcessMemory.liveHeapAfterFullGc();
        }
      }
    }
    return new CycleTimes(result, liveHeap);
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
