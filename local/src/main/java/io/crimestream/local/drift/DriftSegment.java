package io.crimestream.local.drift;

import io.crimestream.options.Months;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.LoadedMonths;
import io.crimestream.producer.MonotonicClock;
import io.crimestream.producer.MonthLoader;
import io.crimestream.producer.RetryPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.time.YearMonth;
import java.util.List;

/**
 * One part of a drift check's stream: the rows of some months of one export, e.g.
 * {@code ../shared/data/chicago/portal_2015-09.csv:2015-09}.
 *
 * @param data   the export's path or URL
 * @param months the months of it to stream, in time order
 */
public record DriftSegment(String data, List<YearMonth> months) {

  public DriftSegment {
    months = List.copyOf(months);
  }

  /** {@code FILE:YYYY-MM[,YYYY-MM...]}; the months follow the last colon, so a URL may have its own. */
  public static DriftSegment parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("--segment '" + text + "' needs the form FILE:YYYY-MM[,YYYY-MM...],"
          + " e.g. ../shared/data/chicago/portal_2015-09.csv:2015-09");
    }
    try {
      return new DriftSegment(text.substring(0, colon), Months.parseList(text.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--segment '" + text + "': " + e.getMessage(), e);
    }
  }

  /** The segment's rows, in time order, as the producer would send them. */
  public LoadedMonths load(PrintStream log) throws IOException, InterruptedException {
    return MonthLoader.load(CrimeSource.parse(data, RetryPolicy.DEFAULT), months, log, MonotonicClock.SYSTEM);
  }

  /** The export's file name and the months: a row label. */
  public String label() {
    String name = data.substring(data.lastIndexOf('/') + 1);
    return name + " " + LoadedMonths.label(months);
  }
}
