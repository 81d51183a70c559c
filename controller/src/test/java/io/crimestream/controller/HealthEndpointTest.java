package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.dependent.DriverPodDependent;
import io.crimestream.controller.testing.Await;
import io.crimestream.controller.testing.MockCluster;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health endpoint of the real controller (JOSDK and its informers) on Fabric8's mock API
 * server, asked as the kubelet's probes ask it: over HTTP, before, while and after the operator
 * runs.
 */
class HealthEndpointTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private MockCluster cluster;
  private Operator operator;
  private HealthEndpoint endpoint;

  @BeforeEach
  void createTheController() throws IOException {
    cluster = MockCluster.withStrimzi();
    operator = cluster.createController();
    endpoint = HealthEndpoint.start(operator, 0);
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
    HttpResponse<String> before = get(HealthEndpoint.PATH);
    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).contains("not started");
    assertThat(before.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/plain"));

    operator.start();

    assertThat(awaitHealth(200).body()).startsWith("ok");

    // what a probe asking with HEAD gets: the status without the body
    HttpResponse<String> head = send(request(HealthEndpoint.PATH)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void refusesOtherMethodsAndPaths() {
    operator.start();

    HttpResponse<String> post = send(request(HealthEndpoint.PATH)
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/metrics").statusCode()).isEqualTo(404);
    assertThat(get(HealthEndpoint.PATH + "/more").statusCode()).isEqualTo(404);
  }

  /** The endpoint outlives the operator: a stopped controller is unhealthy, not unreachable. */
  @Test
  void isUnhealthyOnceTheOperatorHasStopped() {
    operator.start();
    awaitHealth(200);

    operator.stop();

    HttpResponse<String> stopped = get(HealthEndpoint.PATH);
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
    get(HealthEndpoint.PATH);

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
            + HealthEndpoint.PATH)).timeout(Duration.ofSeconds(5)).build(),
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

  /** Asks {@link HealthEndpoint#PATH} until it answers {@code status}, as a probe would. */
  private HttpResponse<String> awaitHealth(int status) {
    return Await.until("the health endpoint to answer " + status, DEADLINE, () -> {
      HttpResponse<String> response = get(HealthEndpoint.PATH);
      return response.statusCode() == status ? response : null;
    }, () -> {
      HttpResponse<String> response = get(HealthEndpoint.PATH);
      return response.statusCode() + " " + response.body().strip();
    });
  }
}
