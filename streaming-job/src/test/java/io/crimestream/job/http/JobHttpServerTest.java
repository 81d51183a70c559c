package io.crimestream.job.http;

// The job's HTTP server: routes, methods, headers and the loopback Host check that users rely on.

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobHttpServerTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesAnswerGetsOnTheirPathOnly() throws Exception {
    try (JobHttpServer server = JobHttpServer.start("127.0.0.1", 0, "--http-port")) {
      server.route("/metrics", request -> JobHttpServer.Response.text(200, "m 1\n" + request.accept()));
      String base = server.url();
      assertThat(base).startsWith("http://127.0.0.1:");
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/healthz"))).body()).isEqualTo("ok\n");
      HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(base + "/metrics")).header("Accept", "x/y"));
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).isEqualTo("m 1\nx/y");
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/metrics/more"))).statusCode()).isEqualTo(404);
      HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
          .POST(HttpRequest.BodyPublishers.ofString("x")));
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
  }

  @Test
  void aFailingRouteAnswers500AndTheServerGoesOn() throws Exception {
    try (JobHttpServer server = JobHttpServer.start("127.0.0.1", 0, "--http-port")) {
      server.route("/boom", request -> {
        throw new IllegalStateException("no report yet");
      });
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url() + "/boom")));
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("no report yet");
      assertThat(send(HttpRequest.newBuilder(URI.create(server.url() + "/healthz"))).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aTakenPortIsAnErrorThatNamesTheOption() throws Exception {
    try (JobHttpServer first = JobHttpServer.start("127.0.0.1", 0, "--http-port")) {
      assertThatThrownBy(() -> JobHttpServer.start("127.0.0.1", first.port(), "--http-port"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("127.0.0.1:" + first.port())
          .hasMessageContaining("pass --http-port with a free one, or 0 for any");
    }
  }

  @Test
  void aRouteGetsTheDecodedQueryAndItsHeadersAreSentWithNosniff() throws Exception {
    try (JobHttpServer server = JobHttpServer.start("127.0.0.1", 0, "--http-port")) {
      server.route("/q", request -> JobHttpServer.Response.text(200, request.query().toString())
          .withHeaders(Map.of("Cache-Control", "no-store")));
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url() + "/q?after=12&x=a%20b&after=3&flag")));
      assertThat(r.body()).contains("after=12").contains("x=a b").contains("flag=").doesNotContain("after=3");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(server.url() + "/q"))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
  }

  @Test
  void onLoopbackARequestForAnotherHostIsRefused() throws Exception {
    try (JobHttpServer server = JobHttpServer.start("127.0.0.1", 0, "--http-port")) {
      // what a browser sends after an attacker's domain was pointed at 127.0.0.1 (DNS rebinding)
      assertThat(rawGet(server.port(), "evil.example:" + server.port())).startsWith("HTTP/1.1 403");
      assertThat(rawGet(server.port(), "localhost:" + server.port())).startsWith("HTTP/1.1 200");
      assertThat(rawGet(server.port(), "127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200");
    }
    assertThat(JobHttpServer.isLoopbackHost("[::1]:9464")).isTrue();
    assertThat(JobHttpServer.isLoopbackHost("127.1.2.3")).isTrue();
    assertThat(JobHttpServer.isLoopbackHost("app.localhost:80")).isTrue();
    assertThat(JobHttpServer.isLoopbackHost("127.0.0.1.evil.example")).isFalse();
    assertThat(JobHttpServer.isLoopbackHost("10.0.0.1:9464")).isFalse();
    assertThat(JobHttpServer.isLoopbackHost("[::2]")).isFalse();
  }

  /** A GET of /healthz with the given Host header, as raw HTTP (the JDK client sets Host itself). */
  private static String rawGet(int port, String host) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    }
  }
}
