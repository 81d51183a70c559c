package io.crimestream.job.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's HTTP endpoint: {@code /metrics} for Prometheus, {@code /healthz}, and whatever else is
 * routed to it. The JDK's own server: a scrape every few seconds needs no more, and it brings no
 * dependency that could clash with Spark's Jetty.
 */
public final class JobHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobHttpServer.class);

  /** A route's answer: status, content type and body. */
  public record Response(int status, String contentType, byte[] body) {
    public static Response text(int status, String text) {
      return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** What answers a GET on a path; gets the request's {@code Accept} header. */
  @FunctionalInterface
  public interface Route {
    Response get(String accept) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService threads;

  private JobHttpServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
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
    s.route("/healthz", accept -> Response.text(200, "ok\n"));
    server.start();
    return s;
  }

  /** Answers GET (and HEAD) requests on exactly {@code path}. */
  public JobHttpServer route(String path, Route route) {
    server.createContext(path, new Handler(path, route));
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

  private record Handler(String path, Route route) implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        Response r;
        String method = exchange.getRequestMethod();
        if (!exchange.getRequestURI().getPath().equals(path)) {
          r = Response.text(404, "not found: " + exchange.getRequestURI().getPath() + "\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().add("Allow", "GET, HEAD");
          r = Response.text(405, method + " is not allowed here: GET it\n");
        } else {
          try {
            r = route.get(exchange.getRequestHeaders().getFirst("Accept"));
          } catch (IOException | RuntimeException e) {
            LOG.warn("GET {} failed: {}", path, e.toString());
            r = Response.text(500, "failed: " + e.getMessage() + "\n");
          }
        }
        exchange.getResponseHeaders().add("Content-Type", r.contentType());
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
}
