package io.crimestream.producer;

import picocli.CommandLine.Option;

/**
 * The pace as command-line options, shared by the producer and the commands that run it
 * ({@code crimestream local}), so both spell and default them the same way.
 */
public final class PaceOptions {

  @Option(names = "--rows-per-second", paramLabel = "RATE",
      description = "Average rate when paced (default: ${DEFAULT-VALUE}, the study's).")
  double rowsPerSecond = Pace.STUDY_ROWS_PER_SECOND;

  @Option(names = "--batch-rows", paramLabel = "ROWS",
      description = "Rows per batch when paced; a batch every ROWS/RATE seconds (default: ${DEFAULT-VALUE}, the study's).")
  int batchRows = Pace.STUDY_BATCH_ROWS;

  @Option(names = "--replay", description = "Send as fast as the broker acknowledges, without pacing.")
  boolean replay;

  /** The pace asked for; throws {@link IllegalArgumentException} naming the option at fault. */
  public Pace pace() {
    if (replay) {
      return Pace.REPLAY;
    }
    if (!(rowsPerSecond > 0) || Double.isInfinite(rowsPerSecond)) {
      throw new IllegalArgumentException("--rows-per-second must be a positive number, got "
          + (rowsPerSecond == Math.rint(rowsPerSecond) ? Long.toString((long) rowsPerSecond) : rowsPerSecond));
    }
    if (batchRows <= 0) {
      throw new IllegalArgumentException("--batch-rows must be a positive number, got " + batchRows);
    }
    return Pace.paced(rowsPerSecond, batchRows);
  }

  public boolean replay() {
    return replay;
  }
}
