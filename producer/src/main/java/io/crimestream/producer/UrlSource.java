package io.crimestream.producer;

import io.crimestream.record.CrimeCsvReader;
import io.crimestream.record.CrimeDataFormatException;
import io.crimestream.record.ReadSummary;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * An export at an http(s) URL, read as it downloads. Connecting is retried; a download that
 * breaks off once rows have been read is not (the rows would be read twice), it is an error.
 */
public final class UrlSource implements CrimeSource {

  private final URI url;
  private final RetryPolicy retry;

  public UrlSource(URI url, RetryPolicy retry) {
    this.url = url;
    this.retry = retry;
  }

  public URI url() {
    return url;
  }

  @Override
  public ReadSummary read(List<YearMonth> months, CrimeCsvReader.Listener listener, MonotonicClock clock)
      throws SourceUnreadableException, InterruptedException {
    HttpDownload download = new HttpDownload(Map.of());
    InputStream body;
    try {
      body = retry.call(clock, "GET " + this, HttpDownload::mayPass, () -> download.open(url));
    } catch (IOException e) {
      throw new SourceUnreadableException(HttpDownload.explain(url, e), e);
    }
    try (body) {
      return CrimeCsvReader.read(body, toString(), listener);
    } catch (CrimeDataFormatException e) {
      throw new SourceUnreadableException(e.getMessage(), e);
    } catch (IOException e) {
      throw new SourceUnreadableException(this + ": the download broke off: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return HttpDownload.printable(url);
  }
}
