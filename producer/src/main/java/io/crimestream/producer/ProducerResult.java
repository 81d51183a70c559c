package io.crimestream.producer;

import io.crimestream.metrics.SourceAccount;
import io.crimestream.record.ReadSummary;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

/**
 * What a run achieved. The run succeeded when {@link #complete()}: every valid row of the
 * months was acknowledged by the broker.
 *
 * @param rowsValid        rows of the months after dropping duplicate ids: the rows to send
 * @param rowsAcknowledged rows the broker acknowledged
 * @param rowsFailed       rows that could not be delivered
 * @param firstError       why the first row failed, or {@code null}
 * @param readSummary      the reader's counts, rejected rows by reason
 * @param rowsOutsideMonths valid rows of other months, skipped
 * @param duplicateIds     rows dropped because their id had been read before
 * @param loadTime         reading and sorting the source
 * @param sendTime         from the first row handed to Kafka to the last acknowledgement
 * @param source           where every line read went
 */
public record ProducerResult(List<YearMonth> months, String topic, long rowsValid, long rowsAcknowledged,
                             long rowsFailed, String firstError, ReadSummary readSummary,
                             long rowsOutsideMonths, long duplicateIds, Duration loadTime, Duration sendTime,
                             SourceAccount source) {

  public ProducerResult {
    months = List.copyOf(months);
  }

  public boolean complete() {
    return rowsFailed == 0 && rowsAcknowledged == rowsValid;
  }

  public ExitStatus exitStatus() {
    return complete() ? ExitStatus.DELIVERED : ExitStatus.UNDELIVERED;
  }

  /**
   * One line for the user, e.g. {@code done: 3446 of 3446 valid rows of 2016-05 acknowledged by
   * topic crimenes in 3.2 s (1077 rows/s); 0 rejected by the reader; 1405 rows outside the
   * requested months skipped}.
   */
  public String summaryLine() {
    long nanos = sendTime.toNanos();
    StringBuilder s = new StringBuilder(complete() ? "done: " : "incomplete: ")
        .append(rowsAcknowledged).append(" of ").append(rowsValid).append(" valid rows of ")
        .append(LoadedMonths.label(months)).append(" acknowledged by topic ").append(topic)
        .append(" in ").append(ProgressReport.seconds(nanos));
    if (nanos > 0 && rowsAcknowledged > 0) {
      s.append(" (").append(ProgressReport.rate(rowsAcknowledged * 1e9 / nanos)).append(" rows/s)");
    }
    if (!complete()) {
      s.append("; ").append(rowsValid - rowsAcknowledged).append(" could not be delivered");
      if (firstError != null) {
        s.append(" (first error: ").append(firstError).append(')');
      }
    }
    s.append("; ").append(readSummary.rejectedTotal()).append(" rejected by the reader; ")
        .append(rowsOutsideMonths).append(" rows outside the requested months skipped");
    if (duplicateIds > 0) {
      s.append("; ").append(duplicateIds).append(" duplicate ids dropped");
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return summaryLine();
  }
}
