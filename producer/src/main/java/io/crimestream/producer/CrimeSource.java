package io.crimestream.producer;

import io.crimestream.record.CrimeCsvReader;
import io.crimestream.record.ReadSummary;
import java.net.URI;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/**
 * Where the crimes come from: a local export, an export at an http(s) URL, or the city's
 * Socrata API. Every source streams its rows to a {@link CrimeCsvReader.Listener}; choosing the
 * requested months among them is the {@link MonthLoader}'s job.
 *
 * <p>{@link #toString()} names the source in messages and never shows a credential.
 */
public interface CrimeSource {

  /**
   * Reads the source, giving every row to {@code listener}. A source that can ask for just some
   * months (the API) reads only {@code months}; a file is read whole.
   *
   * @param clock for waits between retries
   * @throws SourceUnreadableException when the source cannot be read at all; a bad row is
   *     reported to the listener instead
   */
  ReadSummary read(List<YearMonth> months, CrimeCsvReader.Listener listener, MonotonicClock clock)
      throws SourceUnreadableException, InterruptedException;

  /** A local file ({@code .gz} is decompressed). */
  static CrimeSource file(Path file) {
    return new FileSource(file);
  }

  /** An export at an http(s) URL, downloaded as it is read. */
  static CrimeSource url(URI url) {
    return new UrlSource(url, RetryPolicy.DEFAULT);
  }

  /** The city's API at its public address, without an app token. */
  static CrimeSource socrata() {
    return new SocrataSource(SocrataSource.DEFAULT_ENDPOINT, null, SocrataSource.DEFAULT_PAGE_SIZE, RetryPolicy.DEFAULT);
  }

  /**
   * A local path or an http(s) URL, as given on the command line.
   *
   * @throws IllegalArgumentException for a URL of another scheme
   */
  static CrimeSource parse(String pathOrUrl, RetryPolicy retry) {
    String lower = pathOrUrl.strip().toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      URI uri;
      try {
        uri = URI.create(pathOrUrl.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + pathOrUrl + "' is not a valid URL: " + e.getMessage(), e);
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("'" + pathOrUrl + "' is not a valid URL: it names no host");
      }
      return new UrlSource(uri, retry);
    }
    if (lower.startsWith("file:")) {
      return new FileSource(Path.of(URI.create(pathOrUrl.strip())));
    }
    if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
      throw new IllegalArgumentException("'" + pathOrUrl + "': only local files and http(s) URLs can be read");
    }
    return new FileSource(Path.of(pathOrUrl));
  }
}
