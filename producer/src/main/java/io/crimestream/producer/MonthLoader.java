package io.crimestream.producer;

import io.crimestream.record.CrimeCsvReader;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.ReadSummary;
import io.crimestream.record.Rejection;
import java.io.PrintStream;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a source and keeps the rows of the requested months, in time order, each id once.
 *
 * <p>The source is streamed; only the requested months are held, which for the full city
 * dataset is about 25,000 rows a month. Rows the reader rejected are printed as they come and
 * never stop the load.
 */
public final class MonthLoader {

  /** Time order; the id breaks ties so that a replay sends the same sequence every time. */
  static final Comparator<CrimeRecord> TIME_ORDER =
      Comparator.comparing(CrimeRecord::date).thenComparingLong(CrimeRecord::id);

  private MonthLoader() {}

  /**
   * Loads {@code months} from {@code source}, printing rejected rows and a one-line summary to
   * {@code report}.
   *
   * @throws SourceUnreadableException when the source cannot be read, or holds no row of a
   *     requested month (the message lists the months it holds)
   */
  public static LoadedMonths load(CrimeSource source, List<YearMonth> requested, PrintStream report,
                                  MonotonicClock clock) throws SourceUnreadableException, InterruptedException {
    long start = clock.nanoTime();
    List<YearMonth> months = requested.stream().distinct().sorted().toList();
    Collector collector = new Collector(Set.copyOf(months), new RejectionReport(report));
    ReadSummary summary = source.read(months, collector, clock);
    collector.rejections.finish();
    collector.rows.sort(TIME_ORDER);
    LoadedMonths loaded = new LoadedMonths(months, source.toString(), collector.rows, summary,
        collector.outsideMonths, collector.duplicateIds, collector.monthsInSource,
        Duration.ofNanos(clock.nanoTime() - start));
    report.println(loaded.summaryLine());
    List<YearMonth> missing = months.stream().filter(m -> !collector.monthsInSource.containsKey(m)).toList();
    if (!missing.isEmpty()) {
      throw new SourceUnreadableException(source + " holds no rows of "
          + LoadedMonths.label(missing) + "; " + monthsHeld(collector.monthsInSource));
    }
    return loaded;
  }

  /** At most this many months are listed one by one in a message. */
  static final int MONTHS_LISTED = 24;

  /** The months a source holds and their valid rows, for a message. */
  static String monthsHeld(SortedMap<YearMonth, Long> months) {
    if (months.isEmpty()) {
      return "it holds no valid row at all";
    }
    if (months.size() > MONTHS_LISTED) {
      long rows = months.values().stream().mapToLong(Long::longValue).sum();
      return "it holds " + months.size() + " months from " + months.firstKey() + " to "
          + months.lastKey() + " (" + rows + " valid rows); ask for months in that range";
    }
    StringBuilder s = new StringBuilder("it holds ");
    months.forEach((m, n) -> s.append(m).append(" (").append(n).append(n == 1 ? " row), " : " rows), "));
    s.setLength(s.length() - 2);
    return s.toString();
  }

  /** Keeps the rows of the months and counts everything else. */
  private static final class Collector implements CrimeCsvReader.Listener {
    private final Set<YearMonth> months;
    private final RejectionReport rejections;
    private final List<CrimeRecord> rows = new ArrayList<>();
    private final Set<Long> ids = new HashSet<>();
    private final SortedMap<YearMonth, Long> monthsInSource = new TreeMap<>();
    private long outsideMonths;
    private long duplicateIds;

    Collector(Set<YearMonth> months, RejectionReport rejections) {
      this.months = months;
      this.rejections = rejections;
    }

    @Override
    public void accepted(CrimeRecord record, long line) {
      YearMonth month = record.month();
      monthsInSource.merge(month, 1L, Long::sum);
      if (!months.contains(month)) {
        outsideMonths++;
      } else if (!ids.add(record.id())) {
        duplicateIds++; // e.g. a row that moved between two API pages while they were read
      } else {
        rows.add(record);
      }
    }

    @Override
    public void rejected(Rejection rejection) {
      rejections.add(rejection);
    }
  }
}
