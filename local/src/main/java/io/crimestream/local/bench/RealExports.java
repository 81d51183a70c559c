package io.crimestream.local.bench;

import io.crimestream.record.CrimeCsvReader;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.ReadSummary;
import io.crimestream.record.Rejection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The real exports the benchmarks resample from: given files, or every CSV of the shared data. */
public final class RealExports {

  private RealExports() {}

  /**
   * The valid rows of {@code files} (each id once), or of every CSV under
   * {@code ../shared/data/chicago} beside the project when none is given.
   */
  public static List<CrimeRecord> read(List<Path> files, PrintStream log) throws IOException {
    if (files == null || files.isEmpty()) {
      Path shared = Path.of(System.getProperty("crimestream.home", ".")).resolve("../shared/data/chicago")
          .normalize();
      if (!Files.isDirectory(shared)) {
        throw new IllegalArgumentException("no real data to resample: pass --data FILE[,FILE] (looked in "
            + shared + ")");
      }
      try (Stream<Path> s = Files.list(shared)) {
        files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
      }
    }
    List<CrimeRecord> rows = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    for (Path f : files) {
      ReadSummary summary = CrimeCsvReader.read(f, new CrimeCsvReader.Listener() {
        @Override
        public void accepted(CrimeRecord r, long line) {
          if (ids.add(r.id())) {
            rows.add(r);
          }
        }

        @Override
        public void rejected(Rejection r) {}
      });
      log.println("  " + summary);
    }
    return rows;
  }
}
