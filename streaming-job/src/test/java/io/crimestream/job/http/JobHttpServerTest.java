package io.crimestream.job.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class JobHttpServerTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesAnswerGetsOnTheirPathOnly() throws Exception {
    try (JobHttpServer server = JobHttpServer.start("127.0.0.1", 0, "--http-port")) {
      server.route("/metrics", accept -> JobHttpServer.Response.text(200, "m 1\n" + accept));
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
      server.route("/boom", accept -> {
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
}
