package io.crimestream.producer;

import io.crimestream.record.CrimeCsvReader;
import io.crimestream.record.CrimeDataFormatException;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.ReadSummary;
import io.crimestream.record.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The city's Socrata API (resource {@code ijzp-q8t2}), asked one month at a time and paged:
 * {@code $where=date between '2016-05-01T00:00:00' and '2016-05-31T23:59:59.999'},
 * {@code $order=date,id}, {@code $limit}, {@code $offset}, until a page has fewer rows than the
 * limit. The {@code .csv} endpoint starts every page with a header of Socrata's snake_case
 * names, which {@link CrimeCsvReader} reads like any other export.
 *
 * <p>A page is read whole before its rows are passed on, so that a page that fails half way is
 * simply asked for again. The app token (which raises the API's rate limit) goes in the
 * {@code X-App-Token} header and is never printed.
 */
public final class SocrataSource implements CrimeSource {

  public static final URI DEFAULT_ENDPOINT = URI.create("https://data.cityofchicago.org/resource/ijzp-q8t2.csv");
  public static final int DEFAULT_PAGE_SIZE = 50_000;
  public static final String APP_TOKEN_HEADER = "X-App-Token";

  private final URI endpoint;
  private final String appToken;
  private final int pageSize;
  private final RetryPolicy retry;

  /**
   * @param appToken the API's app token, or {@code null}
   * @param pageSize rows per request ({@code $limit}), positive
   */
  public SocrataSource(URI endpoint, String appToken, int pageSize, RetryPolicy retry) {
    if (pageSize <= 0) {
      throw new IllegalArgumentException("the page size must be positive, got " + pageSize);
    }
    this.endpoint = endpoint;
    this.appToken = appToken == null || appToken.isBlank() ? null : appToken.strip();
    this.pageSize = pageSize;
    this.retry = retry;
  }

  @Override
  public ReadSummary read(List<YearMonth> months, CrimeCsvReader.Listener listener, MonotonicClock clock)
      throws SourceUnreadableException, InterruptedException {
    HttpDownload download = new HttpDownload(appToken == null ? Map.of() : Map.of(APP_TOKEN_HEADER, appToken));
    ReadSummary total = new ReadSummary(toString(), 0, 0, Map.of(), Map.of());
    for (YearMonth month : months) {
      for (long offset = 0; ; offset += pageSize) {
        URI page = pageUri(month, offset);
        String name = toString() + " " + month + " rows " + offset + "+";
        Page read;
        try {
          read = retry.call(clock, "GET " + HttpDownload.printable(page), HttpDownload::mayPass,
              () -> readPage(download, page, name));
        } catch (CrimeDataFormatException e) {
          throw new SourceUnreadableException(HttpDownload.printable(page) + ": " + e.getMessage(), e);
        } catch (IOException e) {
          throw new SourceUnreadableException(HttpDownload.explain(page, e), e);
        }
        read.passTo(listener);
        total = add(total, read.summary);
        if (read.summary.rows() < pageSize) {
          break;
        }
      }
    }
    return total;
  }

  /** The request for one page of one month. */
  URI pageUri(YearMonth month, long offset) {
    String where = "date between '" + month.atDay(1) + "T00:00:00' and '" + month.atEndOfMonth() + "T23:59:59.999'";
    String query = "$where=" + encode(where) + "&$order=" + encode("date,id")
        + "&$limit=" + pageSize + "&$offset=" + offset;
    String base = endpoint.toString();
    return URI.create(base + (base.contains("?") ? "&" : "?") + query);
  }

  private static Page readPage(HttpDownload download, URI uri, String name) throws IOException, InterruptedException {
    Page page = new Page();
    try (PushbackInputStream body = new PushbackInputStream(download.open(uri), 1)) {
      int first = body.read();
      if (first < 0) {
        // past the last row some servers send nothing at all, not even the header
        page.summary = new ReadSummary(name, 0, 0, Map.of(), Map.of());
        return page;
      }
      body.unread(first);
      page.summary = CrimeCsvReader.read((InputStream) body, name, page);
    }
    return page;
  }

  /** One page's outcomes, held until the page has been read to its end. */
  private static final class Page implements CrimeCsvReader.Listener {
    private final List<CrimeRecord> records = new ArrayList<>();
    private final List<Long> lines = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Rejection> notes = new ArrayList<>();
    private ReadSummary summary;

    @Override
    public void accepted(CrimeRecord record, long line) {
      records.add(record);
      lines.add(line);
    }

    @Override
    public void rejected(Rejection rejection) {
      rejections.add(rejection);
    }

    @Override
    public void fieldCleared(Rejection note) {
      notes.add(note);
    }

    void passTo(CrimeCsvReader.Listener listener) {
      for (int i = 0; i < records.size(); i++) {
        listener.accepted(records.get(i), lines.get(i));
      }
      rejections.forEach(listener::rejected);
      notes.forEach(listener::fieldCleared);
    }
  }

  private static ReadSummary add(ReadSummary a, ReadSummary b) {
    Map<String, Long> rejected = new TreeMap<>(a.rejected());
    b.rejected().forEach((k, v) -> rejected.merge(k, v, Long::sum));
    Map<String, Long> cleared = new TreeMap<>(a.clearedFields());
    b.clearedFields().forEach((k, v) -> cleared.merge(k, v, Long::sum));
    return new ReadSummary(a.source(), a.rows() + b.rows(), a.accepted() + b.accepted(), rejected, cleared);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return HttpDownload.printable(endpoint);
  }
}
