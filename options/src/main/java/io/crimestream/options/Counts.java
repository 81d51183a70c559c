package io.crimestream.options;

/** Whole numbers within bounds, with the bounds in the message; the CRD's minimum and maximum are these. */
public final class Counts {

  private Counts() {}

  /** A parser of whole numbers from {@code min} to {@code max}. */
  public static java.util.function.Function<String, Integer> between(int min, int max) {
    return text -> {
      int n;
      try {
        n = Integer.parseInt(text.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not a whole number");
      }
      if (n < min || n > max) {
        throw new IllegalArgumentException(n + " is out of range: from " + min + " to " + max);
      }
      return n;
    };
  }

  /** A parser of positive numbers up to {@code max}. */
  public static java.util.function.Function<String, Double> positiveUpTo(double max) {
    return text -> {
      double d;
      try {
        d = Double.parseDouble(text.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not a number");
      }
      if (!(d > 0) || d > max) {
        throw new IllegalArgumentException(text + " is out of range: more than 0, at most " + render(max));
      }
      return d;
    };
  }

  /** A parser of decimals that {@code pattern} accepts, as described by {@code what}. */
  public static java.util.function.Function<String, Double> decimal(String pattern, String what) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(pattern);
    return text -> {
      if (!p.matcher(text).matches()) {
        throw new IllegalArgumentException("'" + text + "' is not " + what);
      }
      return Double.parseDouble(text);
    };
  }

  /** {@code 1} for 1.0, {@code 0.0005} for 0.0005: what a command line reads back as the same number. */
  public static String render(double d) {
    // plain digits: Double.toString writes 0.0005 as 5.0E-4, which the options' patterns refuse
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
