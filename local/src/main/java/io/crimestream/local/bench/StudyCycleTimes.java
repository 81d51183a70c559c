package io.crimestream.local.bench;

import io.crimestream.record.CrimeRecord;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** The study's strategy's cycle at one accumulated size: its median over some samples. */
final class StudyCycleTimes {

  private StudyCycleTimes() {}

  static long p50(SparkSession spark, List<CrimeRecord> stream, int size, int batchRows, int samples,
                  PrintStream log) {
    StudyStrategy study = new StudyStrategy(spark);
    for (int start = 0; start < size; start += batchRows) {
      study.append(stream.subList(start, Math.min(size, start + batchRows)));
    }
    List<Long> ms = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      int from = size + s * batchRows;
      long t = System.nanoTime();
      study.cycle(stream.subList(from, from + batchRows));
      ms.add((System.nanoTime() - t) / 1_000_000);
    }
    log.printf("study cycle at %,d rows: %s ms%n", size, ms);
    return Percentiles.of(ms, 50);
  }
}
