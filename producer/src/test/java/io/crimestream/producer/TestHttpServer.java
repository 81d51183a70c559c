package io.crimestream.producer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.crimestream.record.CrimeCsvReader;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.Rejection;
import io.crimestream.record.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * A local stand-in for the city's servers, on a loopback port: the real site is never contacted.
 *
 * <ul>
 *   <li>{@code /files/NAME} serves a shared export; {@code /files/NAME.gz} serves it gzipped;
 *   <li>{@code /moved/NAME} redirects to {@code /files/NAME};
 *   <li>{@code /status/CODE} answers with that status and a Socrata-like JSON error;
 *   <li>{@code /resource/ijzp-q8t2.csv} plays the Socrata API over one shared export: it
 *       implements the month {@code $where}, {@code $order=date,id}, {@code $limit} and
 *       {@code $offset} by slicing the file's rows, and starts every page with the file's header.
 * </ul>
 */
final class TestHttpServer implements AutoCloseable {

  /** One request as the server saw it. */
  record Request(int number, String path, Map<String, String> query, String appToken) {}

  private record Row(String line, LocalDateTime date, long id) {}

  private static final Pattern MONTH_WHERE = Pattern.compile("date between '([^']+)' and '([^']+)'");

  private final HttpServer server;
  private final String socrataHeader;
  private final List<Row> socrataRows;
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  /** Request number (from 1) to a status answered instead of the content. */
  final Map<Integer, Integer> failures = new ConcurrentHashMap<>();

  /** The rows of each export the API has served, parsed once for all tests. */
  private static final Map<String, Export> EXPORTS = new ConcurrentHashMap<>();

  private record Export(String header, List<Row> rows) {}

  /** @param socrataFile the shared export the API serves */
  TestHttpServer(String socrataFile) throws IOException {
    Export export = EXPORTS.get(socrataFile);
    if (export == null) {
      export = parse(socrataFile);
      EXPORTS.put(socrataFile, export);
    }
    socrataHeader = export.header();
    socrataRows = export.rows();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The export's header and its rows in the API's order ($order=date,id), each with its CSV line. */
  private static Export parse(String name) throws IOException {
    Path file = SharedData.file(name);
    List<String> lines = Files.readAllLines(file);
    List<Row> rows = new ArrayList<>();
    CrimeCsvReader.read(file, new CrimeCsvReader.Listener() {
      @Override
      public void accepted(CrimeRecord record, long line) {
        rows.add(new Row(lines.get((int) line - 1), record.date(), record.id()));
      }

      @Override
      public void rejected(Rejection rejection) {}
    });
    rows.sort(Comparator.comparing(Row::date).thenComparingLong(Row::id));
    return new Export(lines.get(0), List.copyOf(rows));
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  URI socrataEndpoint() {
    return url("/resource/ijzp-q8t2.csv");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      Request request = new Request(requests.size() + 1, path, query,
          exchange.getRequestHeaders().getFirst(SocrataSource.APP_TOKEN_HEADER));
      requests.add(request);
      Integer failure = failures.get(request.number());
      if (failure != null) {
        error(exchange, failure);
      } else if (path.startsWith("/files/")) {
        file(exchange, path.substring("/files/".length()));
      } else if (path.startsWith("/moved/")) {
        exchange.getResponseHeaders().add("Location", "/files/" + path.substring("/moved/".length()));
        exchange.sendResponseHeaders(302, -1);
      } else if (path.startsWith("/status/")) {
        error(exchange, Integer.parseInt(path.substring("/status/".length())));
      } else if (path.equals("/resource/ijzp-q8t2.csv")) {
        socrataPage(exchange, query);
      } else {
        error(exchange, 404);
      }
    }
  }

  private void file(HttpExchange exchange, String name) throws IOException {
    boolean gzip = name.endsWith(".gz");
    Path file = SharedData.file(gzip ? name.substring(0, name.length() - 3) : name);
    exchange.getResponseHeaders().add("Content-Type", "text/csv");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = gzip ? new GZIPOutputStream(exchange.getResponseBody()) : exchange.getResponseBody()) {
      Files.copy(file, out);
    }
  }

  private void socrataPage(HttpExchange exchange, Map<String, String> query) throws IOException {
    Matcher where = MONTH_WHERE.matcher(query.getOrDefault("$where", ""));
    if (!where.matches() || !"date,id".equals(query.get("$order"))) {
      error(exchange, 400);
      return;
    }
    LocalDateTime from = LocalDateTime.parse(where.group(1));
    LocalDateTime to = LocalDateTime.parse(where.group(2));
    long offset = Long.parseLong(query.get("$offset"));
    long limit = Long.parseLong(query.get("$limit"));
    StringBuilder page = new StringBuilder(socrataHeader).append('\n');
    socrataRows.stream()
        .filter(r -> !r.date().isBefore(from) && !r.date().isAfter(to))
        .skip(offset).limit(limit)
        .forEach(r -> page.append(r.line()).append('\n'));
    byte[] body = page.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/csv; charset=UTF-8");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private static void error(HttpExchange exchange, int status) throws IOException {
    byte[] body = ("{\"code\":\"simulated\",\"message\":\"simulated failure " + status + "\"}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  /** The API requests, as (month start, offset) pairs. */
  List<String> socrataPages() {
    synchronized (requests) {
      return requests.stream()
          .filter(r -> r.path().equals("/resource/ijzp-q8t2.csv"))
          .map(r -> {
            Matcher m = MONTH_WHERE.matcher(r.query().get("$where"));
            return (m.matches() ? m.group(1).substring(0, 7) : "?") + "@" + r.query().get("$offset");
          })
          .toList();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
