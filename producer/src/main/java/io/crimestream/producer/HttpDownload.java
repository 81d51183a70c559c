package io.crimestream.producer;

import io.crimestream.record.CrimeDataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * GET requests for CSV exports: the body is streamed, never held as a whole. Redirects are
 * followed (the portal's export links redirect), and a non-2xx answer is an error that carries
 * the status and the start of the server's explanation.
 */
final class HttpDownload {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  /** Until the response headers arrive: the city's API may take a while to compute a large page. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(3);

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();
  /** Extra request headers; they may carry a token, so they are never printed. */
  private final Map<String, String> headers;

  HttpDownload(Map<String, String> headers) {
    this.headers = Map.copyOf(headers);
  }

  /** A non-2xx answer. 5xx and 429 (rate limit) may pass; any other will not. */
  static final class StatusException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    StatusException(int status, String excerpt) {
      super("HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt));
      this.status = status;
    }

    boolean mayPass() {
      return status >= 500 || status == 429;
    }
  }

  /** Opens the body of a 2xx answer to GET {@code uri}; {@code .gz} paths are decompressed. */
  InputStream open(URI uri) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(RESPONSE_TIMEOUT)
        .header("Accept", "text/csv, */*;q=0.5")
        .GET();
    headers.forEach(request::header);
    HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() / 100 != 2) {
      String excerpt;
      try (InputStream body = response.body()) {
        excerpt = excerpt(body.readNBytes(300));
      }
      throw new StatusException(response.statusCode(), excerpt);
    }
    InputStream body = response.body();
    return uri.getPath() != null && uri.getPath().endsWith(".gz") ? new GZIPInputStream(body, 1 << 16) : body;
  }

  /** Network trouble and server trouble may pass; a 4xx answer or a bad file will not. */
  static boolean mayPass(IOException e) {
    return e instanceof StatusException s ? s.mayPass() : !(e instanceof CrimeDataFormatException);
  }

  /** The failure of a download in words for the user: what, where, and what to do. */
  static String explain(URI uri, IOException e) {
    if (e instanceof StatusException) {
      return printable(uri) + " answered " + e.getMessage() + "; expected a CSV export of the city's crimes";
    }
    String unreachable = null;
    if (causedBy(e, UnknownHostException.class) || causedBy(e, UnresolvedAddressException.class)) {
      unreachable = "unknown host (no network, or no DNS)";
    } else if (e instanceof HttpConnectTimeoutException) {
      unreachable = "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
    } else if (causedBy(e, ConnectException.class)) {
      unreachable = "connection refused";
    }
    if (unreachable != null) {
      return "cannot reach " + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + ": " + unreachable
          + "; read an export you already have instead (--source FILE, or --data FILE with ./crimestream)";
    }
    if (e instanceof HttpTimeoutException) {
      return printable(uri) + ": no answer within " + RESPONSE_TIMEOUT.toSeconds() + " s";
    }
    return printable(uri) + ": the download failed: " + e;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The URI as a person reads it: without user info (it may hold a password), the query decoded. */
  static String printable(URI uri) {
    String query = uri.getRawQuery() == null ? "" : "?" + URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath()) + query;
  }

  private static String excerpt(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
