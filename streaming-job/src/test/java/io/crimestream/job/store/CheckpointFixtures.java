package io.crimestream.job.store;

import io.crimestream.job.SparkSessions;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a checkpoint fixture: the job's own checkpoint after three micro-batches of SYNTHETIC
 * records (made up here, no real row), as the release that runs this writes it. Kept under
 * {@code src/test/resources/checkpoints/} so that later releases are tested on reading what an
 * earlier one wrote. Run it when the checkpoint format changes:
 *
 * <pre>
 * java -cp ... io.crimestream.job.store.CheckpointFixtures streaming-job/src/test/resources/checkpoints/format-N
 * </pre>
 */
public final class CheckpointFixtures {

  static final String[][] TYPES = {
      {"0486", "BATTERY", "APARTMENT", "08B"},
      {"0820", "THEFT", "STREET", "06"},
      {"1811", "NARCOTICS", "SIDEWALK", "18"},
      {"0610", "BURGLARY", "RESIDENCE", "05"},
      {"1320", "CRIMINAL DAMAGE", "STREET", "14"},
  };

  private CheckpointFixtures() {}

  /** {@code n} made-up records with ids from {@code firstId}, an hour apart from {@code start}. */
  public static List<CrimeRecord> synthetic(long firstId, int n, LocalDateTime start, long seed) {
    Random random = new Random(seed);
    List<CrimeRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String[] t = TYPES[random.nextInt(TYPES.length)];
      boolean arrest = t[1].equals("NARCOTICS") ? random.nextDouble() < 0.95 : random.nextDouble() < 0.15;
      out.add(CrimeRecord.builder().id(firstId + i).caseNumber("ZZ" + (100000 + i))
          .date(start.plusMinutes(37L * i)).block("0" + (10 + random.nextInt(80)) + "XX W SYNTHETIC ST")
          .iucr(t[0]).primaryType(t[1]).description("SYNTHETIC").locationDescription(t[2])
          .arrest(arrest).domestic(random.nextInt(4) == 0).beat(String.format("%04d", 111 + random.nextInt(6)))
          .district(1 + random.nextInt(5)).ward(1 + random.nextInt(8)).communityArea(1 + random.nextInt(8))
          .fbiCode(t[3]).xCoordinate(1_160_000.0 + random.nextInt(10_000))
          .yCoordinate(1_880_000.0 + random.nextInt(10_000)).build());
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    SparkSession spark = SparkSessions.getOrCreate("crimestream-checkpoint-fixture");
    LearningConfig learning = LearningConfig.defaults();
    List<CrimeRecord> rows = synthetic(90_000_001L, 120, LocalDateTime.of(2016, 5, 1, 0, 5), 7);
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    try (MicroBatchProcessor p = MicroBatchProcessor.builder(spark, learning, dir.resolve("crimestream"))
        .topic("crimenes").months(List.of("2016-05")).clock(clock).build()) {
      long offset = 0;
      for (int batch = 0; batch < 3; batch++) {
        List<IncomingRecord> in = new ArrayList<>();
        for (CrimeRecord r : rows.subList(batch * 40, batch * 40 + 40)) {
          in.add(new IncomingRecord("crimenes", 0, offset++,
              WireCodec.key(r).getBytes(StandardCharsets.UTF_8), WireCodec.encode(r)));
        }
        // one record that is not a crime, so the state counts a rejection
        in.add(new IncomingRecord("crimenes", 0, offset++, null, "not json".getBytes(StandardCharsets.UTF_8)));
        p.process(batch, in);
      }
    }
    spark.stop();
  }
}
