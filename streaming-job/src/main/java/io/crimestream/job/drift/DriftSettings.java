package io.crimestream.job.drift;

/**
 * How drift is detected and what a detection does.
 *
 * @param delta      the Page-Hinkley tolerance: changes of a rate smaller than this are ignored
 * @param threshold  the statistic above which a change is detected
 * @param minRows    rows a detector sees before it may detect
 * @param resetWindow whether a detection also restarts the training window at the change point
 */
public record DriftSettings(double delta, double threshold, int minRows, boolean resetWindow) {

  /** The defaults: see the README's "Drift" for how they were chosen on the shared exports. */
  public static final DriftSettings DEFAULT = new DriftSettings(0.01, 50, 100, false);

  public DriftSettings {
    if (delta < 0 || threshold <= 0 || minRows < 1) {
      throw new IllegalArgumentException("drift detection needs a delta of 0 or more, a positive"
          + " threshold and at least 1 row, got " + delta + ", " + threshold + ", " + minRows);
    }
  }
}
