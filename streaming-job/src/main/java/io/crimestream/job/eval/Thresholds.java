package io.crimestream.job.eval;

import io.crimestream.options.DecisionThreshold;

/** A model's decision threshold for the next batch, from the rule and what it scored before. */
public final class Thresholds {

  /** Before a model has scored an arrest, a tuned threshold is the probabilities' middle. */
  static final double UNTUNED = 0.5;

  private Thresholds() {}

  /** The threshold {@code rule} gives a model whose past prequential scores are {@code past} (may be null). */
  public static double given(DecisionThreshold rule, ScoreHistogram past) {
    if (rule instanceof DecisionThreshold.Fixed f) {
      return f.value();
    }
    return past == null ? UNTUNED : past.bestF1Threshold().orElse(UNTUNED);
  }
}
