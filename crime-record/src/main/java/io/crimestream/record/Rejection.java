package io.crimestream.record;

/**
 * A row or record that was not accepted, with where it came from and why.
 *
 * @param source file name, URL or {@code topic-partition@offset}
 * @param line   1-based physical line where the row starts, or 0 when the source has no lines
 * @param reason the category metrics count by
 * @param field  the field the reason is about, or {@code null}
 * @param detail a human-readable explanation (bounded in length, safe to log)
 */
public record Rejection(String source, long line, RejectReason reason, CrimeField field, String detail) {

  /** The key under which metrics count this rejection, e.g. {@code missing_field:arrest}. */
  public String key() {
    return reason.key(field);
  }

  @Override
  public String toString() {
    return (line > 0 ? source + ":" + line : source) + ": " + key() + ": " + detail;
  }
}
