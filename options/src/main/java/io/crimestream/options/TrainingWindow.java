package io.crimestream.options;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the accumulated rows the models train on.
 *
 * <ul>
 *   <li>{@code all}: every row seen, as the study did: the cost of a batch grows with the stream;</li>
 *   <li>{@code last:N}: the N most recent rows: bounded cost, follows drift;</li>
 *   <li>{@code reservoir:N}: a uniform sample of N rows over the whole stream (Vitter's
 *       algorithm R): bounded cost, remembers the past evenly.</li>
 * </ul>
 */
public record TrainingWindow(Kind kind, int size) {

  public enum Kind { ALL, LAST, RESERVOIR }

  /** For the CRD's schema; N has at most nine digits, so that it fits the job's integers. */
  public static final String PATTERN = "^(all|(last|reservoir):[1-9][0-9]{0,8})$";
  private static final Pattern WINDOW = Pattern.compile(PATTERN);

  /** The default: the last 100,000 rows, several months of the city's crimes. */
  public static final TrainingWindow DEFAULT = new TrainingWindow(Kind.LAST, 100_000);

  public TrainingWindow {
    if (kind != Kind.ALL && size < 1) {
      throw new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT)
          + " window needs a positive size, got " + size);
    }
  }

  public static TrainingWindow parse(String text) {
    Matcher m = WINDOW.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("training window '" + text
          + "' is not one of all, last:N, reservoir:N (N a whole number from 1)");
    }
    if (m.group(2) == null) {
      return new TrainingWindow(Kind.ALL, 0);
    }
    int n = Integer.parseInt(text.substring(text.indexOf(':') + 1));
    return new TrainingWindow(m.group(2).equals("last") ? Kind.LAST : Kind.RESERVOIR, n);
  }

  @Override
  public String toString() {
    return kind == Kind.ALL ? "all" : kind.name().toLowerCase(Locale.ROOT) + ":" + size;
  }
}
