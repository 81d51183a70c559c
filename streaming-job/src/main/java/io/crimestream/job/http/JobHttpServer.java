package io.crimestream.job.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's HTTP endpoint: {@code /metrics} for Prometheus, {@code /healthz}, the dashboard, and
 * whatever else is routed to it. The JDK's own server: a scrape every few seconds and a browser
 * polling need no more, and it brings no dependency that could clash with Spark's Jetty.
 *
 * <p>Read-only by construction: a route answers GET and HEAD on its exact path, nothing else.
 * Bound to a loopback address, it also refuses a request whose {@code Host} names another
 * machine, so that a web page whose domain an attacker points at 127.0.0.1 (DNS rebinding)
 * cannot read it through the browser of someone running a local job.
 */
public final class JobHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobHttpServer.class);

  /** A route's answer: status, content type, body, and any further headers. */
  public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    public Response {
      headers = Map.copyOf(headers);
    }

    public Response(int status, String contentType, byte[] body) {
      this(status, contentType, body, Map.of());
    }

    public static Response text(int status, String text) {
      return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The same answer with {@code more} headers (replacing any of the same name). */
    public Response withHeaders(Map<String, String> more) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.putAll(more);
      return new Response(status, contentType, body, all);
    }
  }

  /**
   * A GET as a route sees it.
   *
   * @param query  the query string's parameters, decoded; the first of a repeated one
   * @param accept the {@code Accept} header, or {@code null}
   */
  public record Request(String path, Map<String, String> query, String accept) {
    public Request {
      query = Map.copyOf(query);
    }
  }

  /** What answers a GET on a path. */
  @FunctionalInterface
  public interface Route {
    Response get(Request request) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService threads;
  /** Whether it listens on loopback only, and so answers only requests addressed to this machine. */
  private final boolean loopback;

  private JobHttpServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
    this.loopback = server.getAddress().getAddress().isLoopbackAddress();
  }

  /**
   * Listens on {@code address:port} (port 0: any free one); {@code /healthz} answers at once.
   *
   * @throws IllegalArgumentException when the port is taken, naming the option that sets it
   */
  public static JobHttpServer start(String address, int port, String portOption) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 16);
    } catch (BindException e) {
      throw new IllegalArgumentException("cannot listen on " + address + ":" + port + " (" + e.getMessage()
          + "): another program holds the port; pass " + portOption + " with a free one, or 0 for any", e);
    }
    ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "crimestream-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    JobHttpServer s = new JobHttpServer(server, threads);
    s.route("/healthz", request -> Response.text(200, "ok\n"));
    server.start();
    return s;
  }

  /** Answers GET (and HEAD) requests on exactly {@code path}. */
  public JobHttpServer route(String path, Route route) {
    server.createContext(path, new Handler(path, route, loopback));
    return this;
  }

  /** Where it listens, e.g. {@code http://127.0.0.1:9464}. */
  public String url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
    return "http://" + host + ":" + a.getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private record Handler(String path, Route route, boolean loopbackOnly) implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        Response r;
        String method = exchange.getRequestMethod();
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (!exchange.getRequestURI().getPath().equals(path)) {
          r = Response.text(404, "not found: " + exchange.getRequestURI().getPath() + "\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().add("Allow", "GET, HEAD");
          r = Response.text(405, method + " is not allowed here: GET it\n");
        } else if (loopbackOnly && host != null && !isLoopbackHost(host)) {
          r = Response.text(403, "this endpoint listens on loopback and answers requests for this machine"
              + " only (localhost, 127.0.0.1, [::1]), not for Host " + printable(host) + "\n");
        } else {
          try {
            r = route.get(new Request(path, query(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("Accept")));
          } catch (IOException | RuntimeException e) {
            LOG.warn("GET {} failed: {}", path, e.toString());
            r = Response.text(500, "failed: " + e.getMessage() + "\n");
          }
        }
        exchange.getResponseHeaders().add("Content-Type", r.contentType());
        // a browser never guesses another type than the one said (a text answer is never a script)
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        r.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(r.status(), head ? -1 : r.body().length == 0 ? -1 : r.body().length);
        if (!head && r.body().length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(r.body());
          }
        }
      }
    }
  }

  /** {@code a=1&b=x%20y}, decoded; a name without {@code =} has the empty value. */
  static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(name, value);
    }
    return out;
  }

  /**
   * Whether a {@code Host} header names this machine: {@code localhost} (and its subdomains, which
   * browsers resolve to loopback), an IPv4 address in 127.0.0.0/8, or {@code [::1]}; with or
   * without a port.
   */
  static boolean isLoopbackHost(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    String name;
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      if (end < 0) {
        return false;
      }
      name = h.substring(1, end);
      return name.equals("::1") || name.equals("0:0:0:0:0:0:0:1");
    }
    int colon = h.indexOf(':');
    name = colon < 0 ? h : h.substring(0, colon);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    if (!name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      return false; // any other name could be an attacker's, resolved to 127.0.0.1
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress(); // a literal: no lookup
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** At most 100 characters of what a client sent, with anything unprintable escaped. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 100; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return "'" + b + (s.length() > 100 ? "...'" : "'");
  }
}
