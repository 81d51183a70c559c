package io.crimestream.local.bench;

import java.util.Locale;

/** bench.md: the benchmark as the README shows it. */
final class BenchTable {

  private BenchTable() {}

  private static String jobs(java.util.Map<String, Long> jobs) {
    if (jobs == null || jobs.isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    jobs.forEach((step, n) -> b.append(b.length() == 0 ? "" : ", ").append(step).append(' ').append(n));
    return b.toString();
  }

  static String markdown(BenchResult r) {
    StringBuilder md = new StringBuilder();
    BenchResult.Machine m = r.machine();
    md.append(String.format(Locale.ROOT, "Taken %s on %s, %d cores, %.0f GiB, %s, Spark %s; models %s,"
            + " training window %s, batches of %d rows, %s. The rows streamed are GENERATED: real rows"
            + " resampled with noise (fresh ids and dates, jittered coordinates).%n%n", m.date(), m.cpu(), m.cores(),
        m.memoryBytes() / (double) (1L << 30), m.java(), m.spark(), String.join(", ", r.models()),
        r.trainingWindow(), r.batchRows(), r.savedModels() ? "each batch's models saved to a registry"
            : "no registry (--no-registry)"));
    md.append("| accumulated rows | cycle p50 | cycle p95 | CPU per cycle p50 | study's strategy p50 | study / ours | Spark jobs per cycle | save p50 |\n");
    md.append("| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
    for (BenchResult.Cycle c : r.cycle()) {
      md.append(String.format(Locale.ROOT, "| %,d | %,d ms | %,d ms | %,d ms | %s | %s | %s | %s |%n", c.rows(), c.p50Millis(),
          c.p95Millis(), c.cpuP50Millis(), c.studyP50Millis() == null ? "not measured" : String.format(Locale.ROOT, "%,d ms", c.studyP50Millis()),
          c.ratio() == null ? "-" : String.format(Locale.ROOT, "%.1f×", c.ratio()), jobs(c.sparkJobs()),
          c.stageMillis() == null || !c.stageMillis().containsKey("save") ? "-"
              : String.format(Locale.ROOT, "%,d ms", c.stageMillis().get("save"))));
    }
    md.append(String.format(Locale.ROOT, "%n| figure | value |%n| --- | ---: |%n"
            + "| replay, producer to broker | %s |%n"
            + "| start to first trained batch | %s |%n"
            + "| heap in use after a full GC, largest size | %,.0f MiB |%n"
            + "| of which the bench's own (generated rows, Spark), before the first batch | %,.0f MiB |%n"
            + "| peak heap in use (garbage included) | %,.0f MiB |%n"
            + "| peak RSS of the whole process (broker, Spark, bench) | %,.0f MiB |%n",
        // a part left out with --parts reads 0: say so rather than print a figure never measured
        r.replayRowsPerSecond() > 0 ? String.format(Locale.ROOT, "%,.0f rows/s", r.replayRowsPerSecond())
            : "not measured",
        r.firstBatchMillis() > 0 ? String.format(Locale.ROOT, "%,d ms", r.firstBatchMillis()) : "not measured",
        r.liveHeapBytes() / 1048576.0,
        r.baselineHeapBytes() / 1048576.0, r.peakHeapBytes() / 1048576.0, r.peakRssBytes() / 1048576.0));
    BenchResult.FullReplay f = r.fullReplay();
    if (f != null) {
      md.append(String.format(Locale.ROOT, "| full replay: %,d GENERATED rows, first sent to last trained | %,.1f min"
              + " (%d micro-batches of up to %,d rows, %d retrains, champion %s, cumulative prequential AUC %s) |%n",
          f.rows(), f.millis() / 60_000.0, f.batches(), f.maxRowsWhenBehind(), f.retrains(), f.champion(),
          f.championPrequentialAuc() == null ? "-" : String.format(Locale.ROOT, "%.3f", f.championPrequentialAuc())));
    }
    return md.toString();
  }
}
