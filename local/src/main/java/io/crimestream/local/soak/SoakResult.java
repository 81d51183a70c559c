package io.crimestream.local.soak;

import io.crimestream.local.bench.BenchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code soak.json}: what was streamed, the faults, the checks, and every sample.
 *
 * @param rowsSent          rows the producer had acknowledged
 * @param rowsTrained       unique rows the job's metrics count as trained
 * @param rowsRejected      records the job did not train on, by reason (none expected)
 * @param checkpointedRows  rows in the job's checkpoint over every batch file (a row trained
 *                          twice would appear twice)
 * @param checkpointedDistinct distinct ids among them
 * @param segments          one per job process (a kill starts a new one), with its trends
 *                          after the warm-up
 */
record SoakResult(BenchResult.Machine machine, long rows, double rowsPerSecond, int maxRowsPerBatch,
                  String jobHeap, long warmUpRows, long rowsSent, long rowsTrained,
                  Map<String, Long> rowsRejected, long checkpointedRows, long checkpointedDistinct,
                  List<FaultDone> faults, List<Segment> segments, long millis, List<Sample> samples) {

  /** One sample, taken after a batch. */
  record Sample(int segment, long batch, long rowsTrained, long liveHeapBytes, long rssBytes,
                int threads, int openFiles, long millis) {}

  /** A fault, when it was injected, and how long injecting it took. */
  record FaultDone(String kind, long atRowsTrained, long millis) {}

  /**
   * One job process after the warm-up: slopes per 100,000 rows trained, and its thread and file
   * counts.
   */
  record Segment(int segment, long fromRows, long toRows, int samples, double heapBytesPer100kRows,
                 double rssBytesPer100kRows, long heapFirst, long heapLast, long rssFirst, long rssLast,
                 int threadsFirst, int threadsLast, int threadsMax, int openFilesFirst,
                 int openFilesLast, int openFilesMax) {}

  boolean everyRowTrainedOnce() {
    return rowsTrained == rows && checkpointedRows == rows && checkpointedDistinct == rows
        && rowsRejected.isEmpty();
  }

  static SoakResult of(BenchResult.Machine machine, long rows, double rowsPerSecond, int maxRowsPerBatch,
                       String jobHeap, long warmUpRows, long rowsSent, long rowsTrained,
                       Map<String, Long> rejected, long checkpointedRows, long checkpointedDistinct,
                       List<FaultDone> faults, List<Sample> samples, long millis) {
    List<Segment> segments = new ArrayList<>();
    int last = samples.isEmpty() ? -1 : samples.get(samples.size() - 1).segment();
    for (int s = 0; s <= last; s++) {
      int seg = s;
      List<Sample> warm = samples.stream()
          .filter(x -> x.segment() == seg && x.rowsTrained() >= warmUpRows).toList();
      if (warm.size() < 2) {
        continue;
      }
      List<double[]> heap = warm.stream().map(x -> new double[] {x.rowsTrained(), x.liveHeapBytes()}).toList();
      List<double[]> rss = warm.stream().map(x -> new double[] {x.rowsTrained(), x.rssBytes()}).toList();
      Sample first = warm.get(0);
      Sample end = warm.get(warm.size() - 1);
      segments.add(new Segment(seg, first.rowsTrained(), end.rowsTrained(), warm.size(),
          Trend.slope(heap) * 100_000, Trend.slope(rss) * 100_000, first.liveHeapBytes(),
          end.liveHeapBytes(), first.rssBytes(), end.rssBytes(), first.threads(), end.threads(),
          warm.stream().mapToInt(Sample::threads).max().orElse(0), first.openFiles(), end.openFiles(),
          warm.stream().mapToInt(Sample::openFiles).max().orElse(0)));
    }
    return new SoakResult(machine, rows, rowsPerSecond, maxRowsPerBatch, jobHeap, warmUpRows, rowsSent,
        rowsTrained, rejected, checkpointedRows, checkpointedDistinct, faults, segments, millis, samples);
  }
}
