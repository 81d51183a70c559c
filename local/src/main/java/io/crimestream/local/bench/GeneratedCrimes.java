package io.crimestream.local.bench;

import io.crimestream.record.CrimeRecord;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * GENERATED data for the benchmark's large sizes: real rows resampled with noise. Each generated
 * row copies a randomly chosen real row (its category, place, flags and label, so the relations
 * a model learns are real ones), gets a fresh id, a date spread evenly over the period (keeping
 * the real row's time of day) and coordinates moved by up to {@value #JITTER_FEET} feet. These are
 * not real incidents and are never written into the repository.
 */
public final class GeneratedCrimes {

  /** Ids of generated rows start here, far above the city's (about 13 million in 2024). */
  public static final long FIRST_ID = 900_000_000L;
  static final double JITTER_FEET = 300;
  static final double FEET_PER_DEGREE = 364_000; // latitude; close enough for a jitter

  private GeneratedCrimes() {}

  /**
   * {@code n} rows in time order over {@code days} days from {@code start}, ids from
   * {@code firstId}, drawn from {@code real} with a seeded generator (the same call gives the
   * same rows).
   */
  public static List<CrimeRecord> resample(List<CrimeRecord> real, int n, long firstId,
                                           LocalDateTime start, int days, long seed) {
    if (real.isEmpty()) {
      throw new IllegalArgumentException("no real rows to resample");
    }
    Random random = new Random(seed);
    List<CrimeRecord> out = new ArrayList<>(n);
    long spanMinutes = (long) days * 24 * 60;
    for (int i = 0; i < n; i++) {
      CrimeRecord r = real.get(random.nextInt(real.size()));
      long minute = spanMinutes * i / Math.max(1, n);
      LocalDateTime day = start.plus(minute, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.DAYS);
      LocalDateTime date = day.withHour(r.date().getHour()).withMinute(r.date().getMinute());
      double dx = (random.nextDouble() * 2 - 1) * JITTER_FEET;
      double dy = (random.nextDouble() * 2 - 1) * JITTER_FEET;
      out.add(r.toBuilder()
          .id(firstId + i)
          .caseNumber("GEN" + (firstId + i))
          .date(date)
          .xCoordinate(r.xCoordinate() == null ? null : r.xCoordinate() + dx)
          .yCoordinate(r.yCoordinate() == null ? null : r.yCoordinate() + dy)
          .latitude(r.latitude() == null ? null : r.latitude() + dy / FEET_PER_DEGREE)
          .longitude(r.longitude() == null ? null : r.longitude() + dx / FEET_PER_DEGREE)
          .build());
    }
    out.sort((a, b) -> a.date().compareTo(b.date()) != 0 ? a.date().compareTo(b.date())
        : Long.compare(a.id(), b.id()));
    return out;
  }
}
