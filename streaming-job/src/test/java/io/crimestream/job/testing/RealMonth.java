package io.crimestream.job.testing;

import io.crimestream.record.CrimeRecord;
import io.crimestream.record.SharedData;
import io.crimestream.record.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** May 2016 of the real Kaggle export (3,446 valid rows), and what the job checkpointed of it. */
public final class RealMonth {

  public static final String MONTH = "2016-05";
  /** Valid rows of 2016-05 in the Kaggle sample (the crime-record and producer tests' count). */
  public static final int ROWS = 3446;

  private RealMonth() {}

  /** The month's valid rows in file order, as the producer sends them. */
  public static List<CrimeRecord> rows() throws IOException {
    YearMonth month = YearMonth.parse(MONTH);
    return SharedData.validRows(SharedData.KAGGLE).stream()
        .filter(r -> r.month().equals(month))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  /**
   * The ids of every row the job checkpointed as accepted, over all its batch files, duplicates
   * kept: what it trained on and would rebuild from after a restart.
   */
  public static List<Long> checkpointedIds(Path checkpointDir) throws IOException {
    Path rows = checkpointDir.resolve("crimestream").resolve("rows");
    List<Long> ids = new ArrayList<>();
    if (!Files.isDirectory(rows)) {
      return ids;
    }
    try (Stream<Path> files = Files.list(rows)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          WireCodec.Decoded d = WireCodec.decode(line.getBytes(StandardCharsets.UTF_8), f.toString());
          if (!(d instanceof WireCodec.Accepted a)) {
            throw new AssertionError(f + ": a checkpointed row does not decode: " + d);
          }
          ids.add(a.record().id());
        }
      }
    }
    return ids;
  }
}
