package io.crimestream.job.pipeline;

/**
 * How many of a micro-batch's new rows one learning step (score, then retrain) takes. A job that
 * keeps up with its topic gets small micro-batches and learns each in one step; one that is
 * behind (a replay, a restart after an outage) reads up to a cap per micro-batch and learns it
 * in steps that grow with the rows learned so far: a step of a tenth of them is scored by
 * models that saw at least nine tenths of what came before, which costs the prequential figures
 * little, while a replay retrains a few dozen times instead of once per {@code baseRows} rows.
 *
 * @param baseRows  a step is never smaller than this (the job's {@code --max-rows-per-batch})
 * @param growth    nor smaller than this fraction of the rows learned so far
 * @param maxRows   nor larger than this (the job's {@code --max-rows-when-behind})
 */
public record LearningSteps(int baseRows, double growth, int maxRows) {

  /** The fraction of the rows learned so far that a step may take. */
  public static final double GROWTH = 0.1;

  /** Every micro-batch learned in one step, whatever its size: the report's and the bench's way. */
  public static final LearningSteps ONE_PER_BATCH = new LearningSteps(Integer.MAX_VALUE, 0, Integer.MAX_VALUE);

  public LearningSteps {
    if (baseRows < 1 || maxRows < 1) {
      throw new IllegalArgumentException("a learning step takes at least 1 row, got base " + baseRows
          + ", cap " + maxRows);
    }
    if (!(growth >= 0 && growth <= 1)) {
      throw new IllegalArgumentException("the step's growth is a fraction of the rows learned, in [0, 1]; got "
          + growth);
    }
  }

  /** The steps of a job that learns every {@code baseRows} rows and reads up to {@code maxRows} when behind. */
  public static LearningSteps of(int baseRows, int maxRows) {
    return new LearningSteps(baseRows, GROWTH, Math.max(baseRows, maxRows));
  }

  /** Rows the next step takes, with {@code learned} rows learned before it. */
  public int rows(long learned) {
    long grown = (long) Math.ceil(growth * learned);
    return (int) Math.min(maxRows, Math.max(baseRows, grown));
  }
}
