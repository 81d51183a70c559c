package io.crimestream.record;

import java.util.Map;
import java.util.TreeMap;

/**
 * What reading one source gave: how many data rows it had, how many were accepted, and the
 * rejected rows and cleared fields counted by reason key.
 *
 * @param format how the text was read (encoding, separator, key), or {@code null} when the rows
 *               did not come from a CSV text (generated rows, say)
 */
public record ReadSummary(String source, long rows, long accepted, Map<String, Long> rejected,
                          Map<String, Long> clearedFields, Format format) {

  /**
   * How a source's text was read, when it was not the usual UTF-8, comma-separated, id-keyed CSV.
   *
   * @param encoding          e.g. {@code UTF-16LE with a byte-order mark}
   * @param separator         the field separator found in the header
   * @param keyedByCaseNumber whether the header had no id, so that case numbers key the incidents
   */
  public record Format(String encoding, char separator, boolean keyedByCaseNumber) {

    /** What a user should know about how the file was read, or empty when it was the usual. */
    public String notes() {
      StringBuilder s = new StringBuilder();
      if (!encoding.equals(TextEncoding.UTF_8.name())) {
        s.append("read as ").append(encoding);
      }
      if (separator != ',') {
        s.append(s.isEmpty() ? "" : "; ").append("fields separated by ")
            .append(separator == ';' ? "semicolons" : "tabs").append(" (decimal commas accepted)");
      }
      if (keyedByCaseNumber) {
        s.append(s.isEmpty() ? "" : "; ")
            .append("no id column: incidents are keyed by their case_number");
      }
      return s.toString();
    }
  }

  /** Rows that did not come from a CSV text. */
  public ReadSummary(String source, long rows, long accepted, Map<String, Long> rejected,
                     Map<String, Long> clearedFields) {
    this(source, rows, accepted, rejected, clearedFields, null);
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String toString() {
    return source + ": " + rows + " rows, " + accepted + " accepted, " + rejectedTotal()
        + " rejected" + (rejected.isEmpty() ? "" : " " + new TreeMap<>(rejected))
        + (clearedFields.isEmpty() ? "" : ", implausible optional values treated as missing "
            + new TreeMap<>(clearedFields))
        + (format == null || format.notes().isEmpty() ? "" : "; " + format.notes());
  }
}
