package io.crimestream.producer;

import io.crimestream.options.OptionValues;
import io.crimestream.options.ProducerOptions;

/**
 * How fast rows go out. Paced: every {@code batchRows / rowsPerSecond} seconds a batch of
 * {@code batchRows} rows is handed to Kafka, batch {@code k} at {@code k * interval} from the
 * start (the study sent 120 rows every 120 s: one row per second on average, in bursts that
 * match its two-minute micro-batches). Replay: as fast as the broker acknowledges.
 *
 * @param replay        no waiting at all; the other two values are then unused
 * @param rowsPerSecond average rate when paced, positive
 * @param batchRows     rows per batch when paced, positive
 */
public record Pace(boolean replay, double rowsPerSecond, int batchRows) {

  public static final double STUDY_ROWS_PER_SECOND = 1.0;
  public static final int STUDY_BATCH_ROWS = 120;

  public Pace {
    if (!replay) {
      if (!(rowsPerSecond > 0) || Double.isInfinite(rowsPerSecond)) {
        throw new IllegalArgumentException("rows per second must be a positive number, got " + rowsPerSecond);
      }
      if (batchRows <= 0) {
        throw new IllegalArgumentException("batch rows must be positive, got " + batchRows);
      }
    }
  }

  /** The study's pace: 120 rows every 120 s. */
  public static final Pace STUDY = new Pace(false, STUDY_ROWS_PER_SECOND, STUDY_BATCH_ROWS);

  /** As fast as the broker acknowledges. */
  public static final Pace REPLAY = new Pace(true, 0, 0);

  /** The pace the shared options ({@link ProducerOptions#PACE}) ask for. */
  public static Pace of(OptionValues v) {
    return v.get(ProducerOptions.REPLAY) ? REPLAY
        : paced(v.get(ProducerOptions.ROWS_PER_SECOND), v.get(ProducerOptions.BATCH_ROWS));
  }

  public static Pace paced(double rowsPerSecond, int batchRows) {
    return new Pace(false, rowsPerSecond, batchRows);
  }

  /** When batch {@code k} (from 0) is due, in nanoseconds after the first. */
  public long releaseOffsetNanos(long k) {
    if (replay) {
      return 0;
    }
    // in double, so that 1/3 row per second does not accumulate rounding over thousands of batches
    return Math.round(k * (batchRows * 1e9 / rowsPerSecond));
  }

  @Override
  public String toString() {
    return replay ? "replay (as fast as the broker acknowledges)"
        : batchRows + " rows every " + ProgressReport.seconds(releaseOffsetNanos(1))
            + " (" + ProgressReport.rate(rowsPerSecond) + " rows/s)";
  }
}
