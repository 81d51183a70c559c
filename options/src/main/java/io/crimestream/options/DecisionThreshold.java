package io.crimestream.options;

import java.util.regex.Pattern;

/**
 * From which score a row counts as a predicted arrest: a fixed number between 0 and 1, or
 * {@code f1}, tuned per model before each batch to the threshold that maximized F1 of the arrest
 * class on every row the model scored before it was trained on them (the job computes it).
 *
 * <p>{@code 0.5} suits accuracy: the models estimate probabilities. With arrests a fifth to a
 * quarter of incidents, a user who cares about finding arrests is better served by {@code f1}.
 */
public sealed interface DecisionThreshold {

  /**
   * For the CRD's schema: {@code f1}, or a decimal strictly between 0 and 1 written as
   * {@code 0.3} or {@code .3}, with at most six decimals.
   */
  String PATTERN = "^([fF]1|0?\\.0{0,5}[1-9][0-9]{0,5})$";

  record Fixed(double value) implements DecisionThreshold {
    public Fixed {
      if (!(value > 0 && value < 1)) {
        throw new IllegalArgumentException("the decision threshold must lie strictly between 0 and 1, got " + value);
      }
    }

    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  /** Tuned for F1 on past unseen rows; 0.5 until there are some. */
  record TunedForF1() implements DecisionThreshold {
    @Override
    public String toString() {
      return "f1";
    }
  }

  DecisionThreshold DEFAULT = new Fixed(0.5);

  /**
   * The text {@link #parse} reads back: {@code f1}, or the number as a plain decimal
   * ({@code 0.000001}; {@link Fixed#toString} would write {@code 1.0E-6}, which the pattern
   * refuses).
   */
  static String render(DecisionThreshold threshold) {
    return threshold instanceof Fixed f
        ? Counts.render(f.value())
        : threshold.toString();
  }

  static DecisionThreshold parse(String text) {
    if (!Pattern.matches(PATTERN, text)) {
      throw new IllegalArgumentException("'" + text + "' is neither a number strictly between 0 and 1"
          + " (at most six decimals, e.g. 0.35) nor f1");
    }
    return text.equalsIgnoreCase("f1") ? new TunedForF1() : new Fixed(Double.parseDouble(text));
  }
}
