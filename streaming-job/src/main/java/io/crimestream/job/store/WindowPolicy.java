package io.crimestream.job.store;

import java.util.Locale;

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
public record WindowPolicy(Kind kind, int size) {

  public enum Kind { ALL, LAST, RESERVOIR }

  /** The default: the last 100,000 rows, several months of the city's crimes. */
  public static final WindowPolicy DEFAULT = new WindowPolicy(Kind.LAST, 100_000);

  public WindowPolicy {
    if (kind != Kind.ALL && size < 1) {
      throw new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT)
          + " window needs a positive size, got " + size);
    }
  }

  public static WindowPolicy parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.equals("all")) {
      return new WindowPolicy(Kind.ALL, 0);
    }
    int colon = s.indexOf(':');
    if (colon > 0) {
      String kind = s.substring(0, colon);
      try {
        int n = Integer.parseInt(s.substring(colon + 1).replace("_", ""));
        if (kind.equals("last")) {
          return new WindowPolicy(Kind.LAST, n);
        }
        if (kind.equals("reservoir")) {
          return new WindowPolicy(Kind.RESERVOIR, n);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("training window '" + text
        + "' is not one of all, last:N, reservoir:N (N a positive whole number)");
  }

  @Override
  public String toString() {
    return kind == Kind.ALL ? "all" : kind.name().toLowerCase(Locale.ROOT) + ":" + size;
  }
}
