package io.crimestream.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.crimestream.record.CrimeRecord;
import io.crimestream.record.SharedData;
import java.lang.management.ManagementFactory;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmark's building blocks: percentiles, the generated rows, the heap peak, the table. */
class BenchPartsTest {

  @Test
  void percentilesAreNearestRankOnTheSortedSamples() {
    List<Long> ms = List.of(50L, 10L, 30L, 20L, 40L);
    assertEquals(30L, Percentiles.of(ms, 50));
    assertEquals(50L, Percentiles.of(ms, 95));
    assertEquals(10L, Percentiles.of(ms, 1));
    assertEquals(7L, Percentiles.of(List.of(7L), 95));
  }

  @Test
  void generatedRowsAreRealRowsWithNewIdsDatesAndJitteredPlaces() throws Exception {
    List<CrimeRecord> real = SharedData.validRows(SharedData.PORTAL_2016_01);
    LocalDateTime start = LocalDateTime.of(2016, 1, 1, 0, 0);
    List<CrimeRecord> generated = GeneratedCrimes.resample(real, 5_000, GeneratedCrimes.FIRST_ID, start, 30, 7);

    assertEquals(5_000, generated.size());
    Set<Long> ids = generated.stream().map(CrimeRecord::id).collect(Collectors.toSet());
    assertEquals(5_000, ids.size(), "ids are unique");
    assertTrue(ids.stream().allMatch(id -> id >= GeneratedCrimes.FIRST_ID && id < GeneratedCrimes.FIRST_ID + 5_000),
        "ids lie in the generated range, apart from the city's");
    assertTrue(generated.stream().allMatch(g -> g.caseNumber().startsWith("GEN")), "labelled as generated");
    for (int i = 1; i < generated.size(); i++) {
      assertFalse(generated.get(i).date().isBefore(generated.get(i - 1).date()), "in time order");
    }
    assertTrue(generated.stream().allMatch(g -> !g.date().isBefore(start) && g.date().isBefore(start.plusDays(30))));

    // every generated row keeps the category and label of a real row with the same time of day
    Set<String> realKinds = real.stream().map(BenchPartsTest::kind).collect(Collectors.toSet());
    assertTrue(generated.stream().allMatch(g -> realKinds.contains(kind(g))));
    double arrestsReal = real.stream().filter(CrimeRecord::arrest).count() / (double) real.size();
    double arrestsGenerated = generated.stream().filter(CrimeRecord::arrest).count() / 5_000.0;
    assertEquals(arrestsReal, arrestsGenerated, 0.03, "the arrest rate of the real rows");

    assertEquals(generated, GeneratedCrimes.resample(real, 5_000, GeneratedCrimes.FIRST_ID, start, 30, 7),
        "the same seed gives the same rows");
  }

  private static String kind(CrimeRecord r) {
    return r.iucr() + "|" + r.arrest() + "|" + r.date().getHour() + ":" + r.date().getMinute();
  }

  @Test
  void heapPeakRemembersAnAllocationThatIsGoneAgain() throws InterruptedException {
    try (HeapPeak peak = new HeapPeak()) {
      System.gc();
      long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      byte[][] blocks = new byte[64][];
      for (int i = 0; i < blocks.length; i++) {
        blocks[i] = new byte[4 << 20]; // 256 MiB in all
      }
      System.gc(); // a collection that finds the blocks alive
      assertEquals(64, blocks.length);
      blocks = null;
      System.gc(); // and one that frees them
      long freed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      assertTrue(freed < before + (100L << 20), "the blocks are collected: " + freed);

      // the collectors report on their own thread: wait for the report, with a deadline
      long threshold = before + (200L << 20);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (peak.bytes() < threshold && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(peak.bytes() >= threshold, "peak " + peak.bytes() + " after 256 MiB on top of " + before);
    }
  }

  @Test
  void tableSaysWhatWasNotMeasured() {
    BenchResult r = new BenchResult(new BenchResult.Machine("Linux", "cpu", 2, 1L << 34, "Java 17", "4.2.0", "today"),
        60_000, 12_000, 900L << 20, 500L << 20, 300L << 20, 2L << 30, "last:100000",
        List.of("logistic_regression"), 500, true,
        List.of(new BenchResult.Cycle(20_000, 1_400, 1_600, 70_000L, 50.0, 5, 1_900,
                java.util.Map.of("logistic_regression", 4L), java.util.Map.of("save", 90L)),
            new BenchResult.Cycle(1_000_000, 2_900, 3_100, null, null, 5, 4_000, java.util.Map.of(), java.util.Map.of())),
        new BenchResult.FullReplay(250_000, 300_000, 20, 52, 500, 20_000, "logistic_regression", 0.9012));
    String md = BenchTable.markdown(r);
    assertTrue(md.contains("| 20,000 | 1,400 ms | 1,600 ms | 1,900 ms | 70,000 ms | 50.0× | logistic_regression 4 | 90 ms |"), md);
    assertTrue(md.contains("| 1,000,000 | 2,900 ms | 3,100 ms | 4,000 ms | not measured | - | - | - |"), md);
    assertTrue(md.contains("The rows streamed are GENERATED"), md);
    assertTrue(md.contains("batches of 500 rows, each batch's models saved to a registry."), md);
    assertTrue(md.contains("| full replay: 250,000 GENERATED rows, first sent to last trained | 5.0 min (20 micro-batches"
        + " of up to 20,000 rows, 52 retrains, champion logistic_regression, cumulative prequential AUC 0.901) |"), md);
    assertTrue(md.contains("| of which the bench's own (generated rows, Spark), before the first batch | 300 MiB |"), md);
    assertTrue(md.contains("| replay, producer to broker | 60,000 rows/s |"), md);

    // --parts cycle: the replay and the first batch were not measured, not 0
    BenchResult cycleOnly = new BenchResult(r.machine(), 0, 0, r.peakHeapBytes(), r.liveHeapBytes(),
        r.baselineHeapBytes(), r.peakRssBytes(), r.trainingWindow(), r.models(), r.batchRows(), false, r.cycle(), null);
    String cycleMd = BenchTable.markdown(cycleOnly);
    assertTrue(cycleMd.contains("| replay, producer to broker | not measured |"), cycleMd);
    assertTrue(cycleMd.contains("| start to first trained batch | not measured |"), cycleMd);
    assertTrue(cycleMd.contains("batches of 500 rows, no registry (--no-registry)."), cycleMd);
  }
}
