package io.crimestream.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.health.EventSourceHealthIndicator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's HTTP endpoint: its health for the kubelet's startup, readiness and liveness
 * probes, and its metrics for Prometheus. {@code GET /healthz} (or HEAD) answers 200 once the
 * operator has started and every event source of every controller is healthy, 503 otherwise,
 * naming the unhealthy ones; {@code GET /metrics} answers the registry's scrape (JOSDK's
 * reconciliation metrics per CrimeStream, the JVM's), in the OpenMetrics format when the scraper
 * asks for it.
 *
 * <p>Why: a controller whose informers lost the API server (a watch that cannot be re-established,
 * a list that keeps failing) sees no more events and so reconciles nothing, yet its process runs
 * on and its log may say little. JOSDK reports that through its event sources' health; only the
 * kubelet, probing this endpoint, can act on it by restarting the container.
 *
 * <p>The endpoint is independent of the operator's life: it serves before {@code operator.start()}
 * returns (503, so a slow start is visible as "not started" rather than as a refused connection)
 * and after {@code operator.stop()} (503 again). Requests are handled one at a time on a single
 * daemon thread: a probe every few seconds needs no more, and the endpoint never keeps the JVM
 * alive on its own.
 */
public final class ControllerEndpoint implements AutoCloseable {

  public static final String HEALTH_PATH = "/healthz";
  public static final String METRICS_PATH = "/metrics";

  private static final Logger LOG = LoggerFactory.getLogger(ControllerEndpoint.class);
  private static final String TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private ControllerEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code port} of every address of the host (the kubelet probes the pod's IP) and
   * serves the health of {@code operator}, started or not.
   *
   * @param port 1 to 65535, or 0 for a free port the system picks (tests; see {@link #port()})
   * @throws IOException when the port cannot be bound (taken, or privileged for this user)
   */
  public static ControllerEndpoint start(Operator operator, int port) throws IOException {
    return start(operator, port, null);
  }

  /** As {@link #start(Operator, int)}, also serving {@code metrics} (if not null) on /metrics. */
  public static ControllerEndpoint start(Operator operator, int port, PrometheusMeterRegistry metrics)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "health-endpoint");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, operator, metrics));
    // The server's dispatcher thread takes its daemon status from the thread that starts the
    // server: started from main it would be a user thread, and a controller whose operator failed
    // to start would hang on, answering 503, instead of exiting. The executor's thread is a daemon.
    try {
      executor.submit(server::start).get();
    } catch (ExecutionException e) {
      server.stop(0);
      executor.shutdownNow();
      throw new IOException("the health endpoint did not start", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.stop(0);
      executor.shutdownNow();
      throw new IOException("interrupted starting the health endpoint", e);
    }
    return new ControllerEndpoint(server, executor);
  }

  /** The port listened on: the one asked for, or the one the system picked for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops listening at once (an exchange in progress is cut short) and ends the thread. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void handle(HttpExchange exchange, Operator operator, PrometheusMeterRegistry metrics)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = "HEAD".equals(method);
      String path = exchange.getRequestURI().getPath();
      boolean served = HEALTH_PATH.equals(path) || metrics != null && METRICS_PATH.equals(path);
      if (!served) {
        respond(exchange, head, 404, "not found: the endpoint serves " + HEALTH_PATH
            + (metrics != null ? " and " + METRICS_PATH : "") + "\n", TEXT);
      } else if (!head && !"GET".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, false, 405, method + " is not allowed: GET or HEAD " + path + "\n", TEXT);
      } else if (METRICS_PATH.equals(path)) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
        String type = openMetrics ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
            : "text/plain; version=0.0.4; charset=utf-8";
        respond(exchange, head, 200, metrics.scrape(type), type);
      } else {
        Health health = health(operator);
        respond(exchange, head, health.healthy() ? 200 : 503, health.description() + "\n", TEXT);
      }
    }
  }

  /** Whether the operator is healthy and, in a line, why (or why not). */
  record Health(boolean healthy, String description) {}

  /**
   * The operator's health from its {@link RuntimeInfo}: started, and no event source of any
   * controller unhealthy. The unhealthy sources are read once and the answer derived from them
   * (as {@link RuntimeInfo#allEventSourcesAreHealthy()} does), so that a 503 always names at least
   * one source and never races a source recovering between two reads.
   */
  static Health health(Operator operator) {
    RuntimeInfo runtime = operator.getRuntimeInfo();
    // asked only once started: RuntimeInfo logs a warning on every read before that
    if (!runtime.isStarted()) {
      return new Health(false, "the operator is not started (starting, or stopped)");
    }
    Map<String, Map<String, EventSourceHealthIndicator>> unhealthy;
    try {
      unhealthy = runtime.unhealthyEventSources();
    } catch (RuntimeException e) {
      // e.g. an operator stopping while its sources are listed: report it, never drop the probe
      LOG.warn("could not read the event sources' health", e);
      return new Health(false, "the event sources' health could not be read: " + e);
    }
    Map<String, TreeSet<String>> byController = new TreeMap<>();
    unhealthy.forEach((controller, sources) -> {
      if (!sources.isEmpty()) {
        byController.put(controller, new TreeSet<>(sources.keySet()));
      }
    });
    if (byController.isEmpty()) {
      return new Health(true, "ok: the operator is started and every event source is healthy");
    }
    return new Health(false, "unhealthy event sources: " + byController.entrySet().stream()
        .map(e -> "controller " + e.getKey() + ": " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; ")));
  }

  private static void respond(HttpExchange exchange, boolean head, int status, String text,
                              String contentType) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (head) {
      // a HEAD answer states the GET body's length but sends none
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
