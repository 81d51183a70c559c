package io.crimestream.producer;

import io.crimestream.metrics.SourceAccount;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.ReadSummary;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The rows of the requested months, in time order (date, then id), each id once, and what
 * reading the source gave besides.
 *
 * @param rows           the rows to send
 * @param readSummary    the reader's counts, rejected rows by reason
 * @param outsideMonths  valid rows of other months, skipped
 * @param duplicateIds   rows of the months whose id had already been read, dropped (the first is kept)
 * @param monthsInSource valid rows per month in all that was read, to explain an empty load
 */
public record LoadedMonths(List<YearMonth> months, String source, List<CrimeRecord> rows,
                           ReadSummary readSummary, long outsideMonths, long duplicateIds,
                           SortedMap<YearMonth, Long> monthsInSource, Duration elapsed) {

  public LoadedMonths {
    months = List.copyOf(months);
    rows = List.copyOf(rows);
  }

  /** The months as one label, e.g. {@code 2016-04,2016-05}. */
  public String monthsLabel() {
    return label(months);
  }

  public static String label(List<YearMonth> months) {
    return months.stream().map(YearMonth::toString).collect(Collectors.joining(","));
  }

  /** Where every line read went: what {@code metrics.json}'s {@code source} shows. */
  public SourceAccount account() {
    return new SourceAccount(readSummary.rows(), rows.size(), readSummary.rejected(), outsideMonths,
        duplicateIds);
  }

  /** One line for the user, e.g. {@code loaded x.csv in 0.4 s: 4851 rows read, 3446 of 2016-05, ...}. */
  public String summaryLine() {
    StringBuilder s = new StringBuilder("loaded ").append(source).append(" in ")
        .append(ProgressReport.seconds(elapsed.toNanos())).append(": ")
        .append(readSummary.rows()).append(" rows read, ")
        .append(rows.size()).append(" of ").append(monthsLabel()).append(", ")
        .append(readSummary.rejectedTotal()).append(" rejected");
    if (!readSummary.rejected().isEmpty()) {
      s.append(" (").append(ProgressReport.counts(readSummary.rejected())).append(')');
    }
    s.append(", ").append(outsideMonths).append(" outside the requested months, ")
        .append(duplicateIds).append(" duplicate ids dropped");
    if (readSummary.format() != null && !readSummary.format().notes().isEmpty()) {
      s.append(" (").append(readSummary.format().notes()).append(')');
    }
    long cleared = readSummary.clearedFields().values().stream().mapToLong(Long::longValue).sum();
    if (cleared > 0) {
      s.append(", ").append(cleared).append(" implausible optional values treated as missing (")
          .append(ProgressReport.counts(readSummary.clearedFields())).append(')');
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return summaryLine();
  }
}
