package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.dependent.DriverPodDependent;
import io.crimestream.controller.testing.Await;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.MockCluster;
import io.crimestream.record.ChartQueries;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health endpoint of the real controller (JOSDK and its informers) on Fabric8's mock API
 * server, asked as the kubelet's probes ask it: over HTTP, before, while and after the operator
 * runs.
 */
class ControllerEndpointTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private MockCluster cluster;
  private Operator operator;
  private ControllerEndpoint endpoint;

  @BeforeEach
  void createTheController() throws IOException {
    cluster = MockCluster.withStrimzi();
    operator = cluster.createController(MockCluster.controllerConfig(), metrics);
    endpoint = ControllerEndpoint.start(operator, 0, metrics);
  }

  @AfterEach
  void stop() {
    if (endpoint != null) {
      endpoint.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void isUnhealthyUntilTheOperatorHasStartedAndHealthyOnceItHas() {
    assertThat(endpoint.port()).isPositive();
    HttpResponse<String> before = get(ControllerEndpoint.HEALTH_PATH);
    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).contains("not started");
    assertThat(before.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/plain"));

    operator.start();

    assertThat(awaitHealth(200).body()).startsWith("ok");

    // what a probe asking with HEAD gets: the status without the body
    HttpResponse<String> head = send(request(ControllerEndpoint.HEALTH_PATH)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void refusesOtherMethodsAndPaths() {
    operator.start();

    HttpResponse<String> post = send(request(ControllerEndpoint.HEALTH_PATH)
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/metrics/more").statusCode()).isEqualTo(404);
    assertThat(get(ControllerEndpoint.HEALTH_PATH + "/more").statusCode()).isEqualTo(404);
  }

  /**
   * What Prometheus scrapes: JOSDK's reconciliation metrics, per CrimeStream (the chart's alert on
   * failed reconciliations names the resource), in the format the scraper asks for.
   */
  @Test
  void servesTheReconciliationsOfEachCrimeStreamToPrometheus() {
    operator.start();
    cluster.client().resource(CrimeStreams.replay("watched", "/data/crimes.csv", "2016-04")).create();

    String scrape = Await.until("a finished reconciliation of watched on /metrics", DEADLINE, () -> {
      HttpResponse<String> response = get(ControllerEndpoint.METRICS_PATH);
      return response.statusCode() == 200 && response.body().contains("name=\"watched\"")
          && response.body().contains("operator_sdk_controllers_execution_reconcile_seconds")
          ? response.body() : null;
    }, () -> get(ControllerEndpoint.METRICS_PATH).body());
    assertThat(scrape).containsPattern(
        "operator_sdk_reconciliations_started_total\\{[^}]*kind=\"CrimeStream\"[^}]*name=\"watched\"");
    // the chart's alerts and dashboard query these: each must be a series this endpoint serves
    // (a failure's series appears with the first failure, beside its success twin seen here)
    Set<String> served = ChartQueries.seriesIn(scrape);
    Set<String> used = ChartQueries.names("operator_sdk_");
    assertThat(used).isNotEmpty();
    for (String name : used) {
      String seen = name.replace("_failed_total", "_success_total").replace("_failure_total", "_success_total");
      assertThat(served).as("%s (as %s)", name, seen).contains(seen);
    }
    HttpResponse<String> open = send(request(ControllerEndpoint.METRICS_PATH)
        .header("Accept", "application/openmetrics-text; version=1.0.0"));
    assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/openmetrics-text"));
    assertThat(open.body()).endsWith("# EOF\n");
  }

  /** The endpoint outlives the operator: a stopped controller is unhealthy, not unreachable. */
  @Test
  void isUnhealthyOnceTheOperatorHasStopped() {
    operator.start();
    awaitHealth(200);

    operator.stop();

    HttpResponse<String> stopped = get(ControllerEndpoint.HEALTH_PATH);
    assertThat(stopped.statusCode()).isEqualTo(503);
    assertThat(stopped.body()).contains("not started");
  }

  /** What the probes are for: informers that lost the API server, named so that logs say why. */
  @Test
  void isUnhealthyNamingTheEventSourcesThatLostTheApiServer() {
    operator.start();
    awaitHealth(200);

    cluster.stopApiServer();

    HttpResponse<String> lost = awaitHealth(503);
    // every informer of the controller, its CrimeStreams' and its dependents', e.g. the driver's
    assertThat(lost.body()).startsWith("unhealthy event sources: controller ")
        .contains(DriverPodDependent.NAME);
  }

  /**
   * A controller whose operator failed to start must exit, not linger answering 503: no thread of
   * the endpoint may keep the JVM alive (the JDK server's dispatcher would, started from main).
   */
  @Test
  void itsThreadsAreDaemons() {
    get(ControllerEndpoint.HEALTH_PATH);

    List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("health-endpoint") || t.getName().equals("HTTP-Dispatcher"))
        .toList();
    assertThat(threads).extracting(Thread::getName)
        .contains("health-endpoint", "HTTP-Dispatcher");
    assertThat(threads).allMatch(Thread::isDaemon, "a daemon thread");
  }

  @Test
  void closingStopsListening() {
    int port = endpoint.port();
    endpoint.close();
    endpoint = null;

    assertThat(Await.until("the port to refuse connections", DEADLINE, () -> {
      try {
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + ControllerEndpoint.HEALTH_PATH)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        return null;
      } catch (IOException e) {
        return e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }, () -> "still answering on " + port)).isInstanceOf(IOException.class);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + path))
        .timeout(Duration.ofSeconds(10));
  }

  private HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Asks {@link ControllerEndpoint#HEALTH_PATH} until it answers {@code status}, as a probe would. */
  private HttpResponse<String> awaitHealth(int status) {
    return Await.until("the health endpoint to answer " + status, DEADLINE, () -> {
      HttpResponse<String> response = get(ControllerEndpoint.HEALTH_PATH);
      return response.statusCode() == status ? response : null;
    }, () -> {
      HttpResponse<String> response = get(ControllerEndpoint.HEALTH_PATH);
      return response.statusCode() + " " + response.body().strip();
    });
  }
}
