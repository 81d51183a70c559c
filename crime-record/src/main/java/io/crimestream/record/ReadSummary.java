package io.crimestream.record;

import java.util.Map;
import java.util.TreeMap;

/**
 * What reading one source gave: how many data rows it had, how many were accepted, and the
 * rejected rows and cleared fields counted by reason key.
 */
public record ReadSummary(String source, long rows, long accepted, Map<String, Long> rejected,
                          Map<String, Long> clearedFields) {

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String toString() {
    return source + ": " + rows + " rows, " + accepted + " accepted, " + rejectedTotal()
        + " rejected" + (rejected.isEmpty() ? "" : " " + new TreeMap<>(rejected))
        + (clearedFields.isEmpty() ? "" : ", implausible optional values treated as missing "
            + new TreeMap<>(clearedFields));
  }
}
