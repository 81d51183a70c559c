package io.crimestream.job.dashboard;

import io.crimestream.job.http.JobHttpServer;
import io.crimestream.job.http.JobHttpServer.Response;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsReport;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live dashboard, on the job's HTTP endpoint beside {@code /metrics}: the page at {@code /},
 * its script and style, uPlot under {@code /assets/}, and the data it polls,
 * {@code /api/dashboard?after=N} (the report with the batches after batch N, and the latest
 * predictions). Polling rather than a held-open event stream: the endpoint's two threads stay
 * free for Prometheus however many tabs are open, and a batch takes seconds anyway.
 *
 * <p>Read-only (the server answers GET and HEAD only), and every answer carries a
 * Content-Security-Policy that lets the page load only its own files and talk only to the job.
 */
public final class Dashboard {

  public static final String PAGE = "/";
  public static final String DATA = "/api/dashboard";
  static final String SCRIPT = "/dashboard.js";
  static final String STYLE = "/dashboard.css";
  static final String UPLOT_SCRIPT = "/assets/uPlot.iife.min.js";
  static final String UPLOT_STYLE = "/assets/uPlot.min.css";
  static final String UPLOT_LICENSE = "/assets/uPlot.LICENSE.txt";

  /** The page's own files and the job's data, nothing else; no framing, no forms, no plugins. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final Map<String, String> SECURITY_HEADERS = Map.of(
      "Content-Security-Policy", CSP,
      "Referrer-Policy", "no-referrer",
      "X-Frame-Options", "DENY");

  private final String instance = UUID.randomUUID().toString();
  private final LatestPredictions predictions;
  private final Clock clock;
  private volatile MetricsReport report;

  private Dashboard(MetricsReport initial, LatestPredictions predictions, Clock clock) {
    this.report = initial;
    this.predictions = predictions;
    this.clock = clock;
  }

  /**
   * Routes the dashboard on {@code server}, starting from {@code initial} (a restarted job's
   * report already has its batches); {@link #record} brings it up to date.
   */
  public static Dashboard serve(JobHttpServer server, MetricsReport initial, LatestPredictions predictions) {
    return serve(server, initial, predictions, Clock.systemUTC());
  }

  static Dashboard serve(JobHttpServer server, MetricsReport initial, LatestPredictions predictions, Clock clock) {
    DashboardAssets assets = DashboardAssets.get();
    Dashboard d = new Dashboard(initial, predictions, clock);
    byte[] page = DashboardPage.served(assets).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    server.route(PAGE, request -> secured(new Response(200, assets.page.contentType(), page)));
    server.route(SCRIPT, request -> file(assets.script));
    server.route(STYLE, request -> file(assets.style));
    server.route(UPLOT_SCRIPT, request -> file(assets.uplotScript));
    server.route(UPLOT_STYLE, request -> file(assets.uplotStyle));
    server.route(UPLOT_LICENSE, request -> file(assets.uplotLicense));
    server.route(DATA, request -> {
      String after = request.query().getOrDefault("after", "-1");
      long from;
      try {
        from = Long.parseLong(after);
      } catch (NumberFormatException e) {
        return secured(Response.text(400, "after must be a batch number (or -1 for every batch), got '"
            + (after.length() > 40 ? after.substring(0, 40) + "..." : after) + "'\n"));
      }
      return secured(new Response(200, "application/json; charset=utf-8",
          d.data(from).toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8),
          Map.of("Cache-Control", "no-store")));
    });
    return d;
  }

  /** The report as published after the latest batch. */
  public void record(MetricsReport latest) {
    this.report = latest;
  }

  /** What {@code /api/dashboard?after=} answers. */
  DashboardData data(long after) {
    MetricsReport r = report;
    List<BatchMetrics> newer = r.batches() == null ? List.of()
        : r.batches().stream().filter(b -> b.batch() > after).toList();
    MetricsReport part = new MetricsReport(r.topic(), r.months(), r.featureSet(), r.trainingWindow(),
        r.rowsRejected(), r.rowsExcluded(), r.batchesOmitted(), newer, r.summary(), r.source(), r.rowsHistory(),
        r.champion(), r.championEvents(), r.predictions(), r.drift());
    return new DashboardData(instance, true, Instant.now(clock).toString(), after, part,
        predictions == null ? List.of() : predictions.latest());
  }

  private static Response file(DashboardAssets.Asset asset) {
    // revalidated on every load: the job's next release may change them
    return secured(new Response(200, asset.contentType(), asset.bytes(), Map.of("Cache-Control", "no-cache")));
  }

  private static Response secured(Response r) {
    Map<String, String> headers = new LinkedHashMap<>(SECURITY_HEADERS);
    headers.putAll(r.headers());
    return r.withHeaders(headers);
  }
}
