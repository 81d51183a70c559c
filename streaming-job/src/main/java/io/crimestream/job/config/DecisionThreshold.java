package io.crimestream.job.config;

import io.crimestream.job.eval.ScoreHistogram;
import java.util.Locale;

/**
 * From which score a row counts as a predicted arrest.
 *
 * <p>{@code 0.5} suits accuracy: the models estimate probabilities. With arrests a fifth to a
 * quarter of incidents, a user who cares about finding arrests (F1 of the arrest class) is better
 * served by a lower one; {@code f1} tunes it per model, before each batch, to the threshold that
 * maximized F1 on every row the model scored before it was trained on them (the pooled
 * prequential scores), so the choice never looks at the rows it is applied to.
 */
public sealed interface DecisionThreshold {

  /** The threshold for a model whose past prequential scores are {@code past} (may be null). */
  double thresholdGiven(ScoreHistogram past);

  record Fixed(double value) implements DecisionThreshold {
    public Fixed {
      if (!(value > 0 && value < 1)) {
        throw new IllegalArgumentException("the decision threshold must lie strictly between 0 and 1, got " + value);
      }
    }

    @Override
    public double thresholdGiven(ScoreHistogram past) {
      return value;
    }

    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  /** Tuned for F1 on past unseen rows; 0.5 until there are some. */
  record TunedForF1() implements DecisionThreshold {
    @Override
    public double thresholdGiven(ScoreHistogram past) {
      return past == null ? 0.5 : past.bestF1Threshold().orElse(0.5);
    }

    @Override
    public String toString() {
      return "f1";
    }
  }

  DecisionThreshold DEFAULT = new Fixed(0.5);

  static DecisionThreshold parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.equals("f1")) {
      return new TunedForF1();
    }
    try {
      return new Fixed(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--decision-threshold '" + text
          + "' is neither a number between 0 and 1 nor f1");
    }
  }
}
