package io.crimestream.local.soak;

import java.util.Locale;

/** {@code soak.md}: the soak's checks and trends as the README shows them. */
final class SoakTable {

  private SoakTable() {}

  static String markdown(SoakResult r) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "Taken %s on %s, %d cores, %s, Spark %s. The rows streamed are"
            + " GENERATED: real rows resampled with noise.%n%n", r.machine().date(), r.machine().cpu(),
        r.machine().cores(), r.machine().java(), r.machine().spark()));
    s.append(String.format(Locale.ROOT, "%,d rows at %.0f rows/s, micro-batches of at most %,d rows,"
            + " default training window, job heap %s; %d minutes in all.%n%n", r.rows(), r.rowsPerSecond(),
        r.maxRowsPerBatch(), r.jobHeap(), Math.round(r.millis() / 60_000.0)));
    s.append("| fault | at rows trained | took |\n| --- | ---: | ---: |\n");
    r.faults().forEach(f -> s.append(String.format(Locale.ROOT, "| %s | %,d | %,d ms |%n",
        f.kind().replace('_', ' '), f.atRowsTrained(), f.millis())));
    s.append(String.format(Locale.ROOT, "%n| check | value |%n| --- | ---: |%n"
            + "| rows sent / trained / in the checkpoint / distinct there | %,d / %,d / %,d / %,d |%n"
            + "| records rejected (re-sent or trained twice would show here) | %s |%n"
            + "| every row trained once | %s |%n%n",
        r.rowsSent(), r.rowsTrained(), r.checkpointedRows(), r.checkpointedDistinct(),
        r.rowsRejected().isEmpty() ? "none" : r.rowsRejected().toString(),
        r.everyRowTrainedOnce() ? "yes" : "**no**"));
    s.append(String.format(Locale.ROOT, "After %,d rows (warm-up), per job process (a kill starts a"
        + " new one):%n%n", r.warmUpRows()));
    s.append("| process | rows | samples | live heap first → last | heap slope per 100k rows"
        + " | RSS first → last | RSS slope per 100k rows | threads first → last (max) |"
        + " open files first → last (max) |\n| ---: | --- | ---: | --- | ---: | --- | ---: | --- | --- |\n");
    for (SoakResult.Segment g : r.segments()) {
      s.append(String.format(Locale.ROOT, "| %d | %,d to %,d | %d | %s → %s | %s | %s → %s | %s | %d → %d (%d) | %d → %d (%d) |%n",
          g.segment(), g.fromRows(), g.toRows(), g.samples(), mib(g.heapFirst()), mib(g.heapLast()),
          signedMib(g.heapBytesPer100kRows()), mib(g.rssFirst()), mib(g.rssLast()),
          signedMib(g.rssBytesPer100kRows()), g.threadsFirst(), g.threadsLast(), g.threadsMax(),
          g.openFilesFirst(), g.openFilesLast(), g.openFilesMax()));
    }
    return s.toString();
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / 1048576.0));
  }

  private static String signedMib(double bytes) {
    return String.format(Locale.ROOT, "%+.1f MiB", bytes / 1048576.0);
  }
}
