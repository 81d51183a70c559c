package io.crimestream.options;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as every program and a CrimeStream's spec write them: a whole number and a unit,
 * {@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}, or the unit as a word ({@code 1 second},
 * {@code 2 minutes}). One grammar, one regular expression: the CRD's schema uses
 * {@link #PATTERN} and {@link #POSITIVE_PATTERN}, so that what {@code kubectl apply} accepts the
 * job accepts too.
 */
public final class Durations {

  private static final String UNIT = " ?(ms|s|m|h|milliseconds?|seconds?|minutes?|hours?)";
  /** Zero or more: {@code 0s}, {@code 20s}. At most nine digits, so that no value overflows. */
  public static final String PATTERN = "^(0|[1-9][0-9]{0,8})" + UNIT + "$";
  /** More than zero: {@code 1s}, {@code 500ms}. */
  public static final String POSITIVE_PATTERN = "^[1-9][0-9]{0,8}" + UNIT + "$";

  private static final Pattern DURATION = Pattern.compile(PATTERN);

  private Durations() {}

  /** {@code text} as a duration of zero or more. */
  public static Duration parse(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration such as 1s, 500ms, 2m or"
          + " 1h (a whole number and a unit)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    return switch (unit.startsWith("milli") ? "ms" : unit.substring(0, unit.equals("ms") ? 2 : 1)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** {@code text} as a duration of more than zero. */
  public static Duration parsePositive(String text) {
    Duration d = parse(text);
    if (d.isZero()) {
      throw new IllegalArgumentException("'" + text + "' is zero: it must be more than that");
    }
    return d;
  }

  /** The shortest text that reads back as {@code d}: {@code 1s}, {@code 500ms}, {@code 2m}. */
  public static String render(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
