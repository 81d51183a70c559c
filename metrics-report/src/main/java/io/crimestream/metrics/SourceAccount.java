package io.crimestream.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every line of the source went, so that a user can check that nothing was lost:
 * {@code rowsRead = rowsOfMonths + rejected + outsideMonths + duplicateIds}, and on the stream's
 * side {@code rowsOfMonths = rows trained + records rejected on the topic + rows excluded}.
 *
 * @param rowsRead      data lines (rows) read from the source, header not counted
 * @param rowsOfMonths  valid rows of the requested months, each id once: what the producer sends
 * @param rejected      rows the reader refused, by reason key (e.g. {@code wrong_field_count})
 * @param outsideMonths valid rows of other months, not sent
 * @param duplicateIds  valid rows of the months whose id had been read before, not sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceAccount(long rowsRead, long rowsOfMonths, Map<String, Long> rejected,
                            long outsideMonths, long duplicateIds) {

  public SourceAccount {
    rejected = Map.copyOf(rejected);
  }

  /** Nothing read yet: what {@link #plus} starts from. */
  public static final SourceAccount NONE = new SourceAccount(0, 0, Map.of(), 0, 0);

  @JsonIgnore
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Whether every line read is accounted for exactly once. */
  @JsonIgnore
  public boolean addsUp() {
    return rowsRead == rowsOfMonths + rejectedTotal() + outsideMonths + duplicateIds;
  }

  /** Both accounts together, e.g. two months' producers. */
  public SourceAccount plus(SourceAccount o) {
    Map<String, Long> r = new TreeMap<>(rejected);
    o.rejected.forEach((k, v) -> r.merge(k, v, Long::sum));
    return new SourceAccount(rowsRead + o.rowsRead, rowsOfMonths + o.rowsOfMonths, r,
        outsideMonths + o.outsideMonths, duplicateIds + o.duplicateIds);
  }
}
