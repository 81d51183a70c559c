package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every line of a month's source went, as its producer reported it: rowsRead = rowsOfMonths
 * + rejected + outsideMonths + duplicateIds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceStatus {

  @JsonPropertyDescription("Data lines read from the source.")
  private Long rowsRead;
  @JsonPropertyDescription("Valid rows of the requested months, each id once: what was sent.")
  private Long rowsOfMonths;
  @JsonPropertyDescription("Rows the reader refused, by reason.")
  private Map<String, Long> rejected = new TreeMap<>();
  @JsonPropertyDescription("Valid rows of other months, not sent.")
  private Long outsideMonths;
  @JsonPropertyDescription("Valid rows of the months whose id had been read before, not sent.")
  private Long duplicateIds;

  public SourceStatus() {}

  public SourceStatus(long rowsRead, long rowsOfMonths, Map<String, Long> rejected,
                      long outsideMonths, long duplicateIds) {
    this.rowsRead = rowsRead;
    this.rowsOfMonths = rowsOfMonths;
    this.rejected = new TreeMap<>(rejected);
    this.outsideMonths = outsideMonths;
    this.duplicateIds = duplicateIds;
  }

  /** Both accounts together: what the months' producers read between them. */
  public SourceStatus plus(SourceStatus o) {
    Map<String, Long> r = new TreeMap<>(rejected);
    o.rejected.forEach((k, v) -> r.merge(k, v, Long::sum));
    return new SourceStatus(n(rowsRead) + n(o.rowsRead), n(rowsOfMonths) + n(o.rowsOfMonths), r,
        n(outsideMonths) + n(o.outsideMonths), n(duplicateIds) + n(o.duplicateIds));
  }

  private static long n(Long v) {
    return v == null ? 0 : v;
  }

  public Long getRowsRead() {
    return rowsRead;
  }

  public void setRowsRead(Long rowsRead) {
    this.rowsRead = rowsRead;
  }

  public Long getRowsOfMonths() {
    return rowsOfMonths;
  }

  public void setRowsOfMonths(Long rowsOfMonths) {
    this.rowsOfMonths = rowsOfMonths;
  }

  public Map<String, Long> getRejected() {
    return rejected;
  }

  public void setRejected(Map<String, Long> rejected) {
    this.rejected = rejected;
  }

  public Long getOutsideMonths() {
    return outsideMonths;
  }

  public void setOutsideMonths(Long outsideMonths) {
    this.outsideMonths = outsideMonths;
  }

  public Long getDuplicateIds() {
    return duplicateIds;
  }

  public void setDuplicateIds(Long duplicateIds) {
    this.duplicateIds = duplicateIds;
  }
}
