package io.crimestream.producer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The progress lines of a send, e.g.
 * {@code 2016-05: 240/3446 rows sent (7.0%), 1.0 rows/s, about 54m00s left}, at most one every
 * {@link #MIN_INTERVAL} (so about once per batch at the study's pace, and every 2 s in a
 * replay), and the number formats every message of the producer shares.
 */
final class ProgressReport {

  static final long MIN_INTERVAL = Duration.ofSeconds(2).toNanos();

  private final PrintStream out;
  private final String label;
  private final int total;
  private final Pace pace;
  private final long start;
  private long lastPrinted;

  ProgressReport(PrintStream out, String label, int total, Pace pace, long start) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.pace = pace;
    this.start = start;
    this.lastPrinted = start;
  }

  /** {@code sent} rows have been handed to Kafka by {@code now}; prints a line if one is due. */
  void handedOver(int sent, long now) {
    if (now - lastPrinted >= MIN_INTERVAL) {
      lastPrinted = now;
      out.println(line(sent, now));
    }
  }

  String line(int sent, long now) {
    long elapsed = now - start;
    double rate;
    long left;
    if (pace.replay()) {
      rate = elapsed > 0 ? sent * 1e9 / elapsed : 0;
      left = rate > 0 ? Math.round((total - sent) / rate * 1e9) : 0;
    } else {
      // the first batch goes at time 0, so the rate is over the batches after it
      int firstBatch = Math.min(pace.batchRows(), total);
      rate = elapsed > 0 ? (sent - firstBatch) * 1e9 / elapsed : pace.rowsPerSecond();
      long lastBatch = (total - 1L) / pace.batchRows();
      left = Math.max(0, pace.releaseOffsetNanos(lastBatch) - elapsed);
    }
    return label + ": " + sent + "/" + total + " rows sent (" + percent(sent, total) + "), "
        + rate(rate) + " rows/s, about " + duration(left) + " left";
  }

  static String percent(long part, long whole) {
    return String.format(Locale.ROOT, "%.1f%%", whole == 0 ? 100.0 : 100.0 * part / whole);
  }

  /** A rate: one decimal below 100, whole numbers above. */
  static String rate(double perSecond) {
    return perSecond < 100 ? String.format(Locale.ROOT, "%.1f", perSecond) : Long.toString(Math.round(perSecond));
  }

  /** Seconds with one decimal under a minute ({@code 3.2 s}), else as {@link #duration}. */
  static String seconds(long nanos) {
    return nanos < 60_000_000_000L ? String.format(Locale.ROOT, "%.1f s", nanos / 1e9) : duration(nanos);
  }

  /** {@code 1h05m12s}, {@code 53m24s}, {@code 12s}. */
  static String duration(long nanos) {
    long s = Math.round(nanos / 1e9);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }

  /** {@code wrong_field_count: 1, missing_field:date: 2}. */
  static String counts(Map<String, Long> byKey) {
    return byKey.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
  }
}
