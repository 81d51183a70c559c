package io.crimestream.job.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crimestream.job.http.JobHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

// The live dashboard's routes: the page and its files from the job itself, the data a browser
// polls (only the batches it lacks), the security headers, and read-only answers.
class DashboardTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageItsFilesAndUplotFromTheJobWithAPolicyThatAllowsNothingElse() throws Exception {
    try (JobHttpServer server = JobHttpServer.start("127.0.0.1", 0, "--http-port")) {
      Dashboard.serve(server, DashboardFixtures.report(3), new LatestPredictions(5));
      HttpResponse<String> page = get(server.url() + "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(Dashboard.CSP);
      assertThat(Dashboard.CSP).startsWith("default-src 'self'").contains("connect-src 'self'")
          .contains("frame-ancestors 'none'").doesNotContain("unsafe");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.body()).contains("<script src=\"assets/uPlot.iife.min.js\"></script>")
          .contains("<script src=\"dashboard.js\"></script>").doesNotContain("crimestream:head")
          .doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://");

      HttpResponse<String> uplot = get(server.url() + "/assets/uPlot.iife.min.js");
      assertThat(uplot.statusCode()).isEqualTo(200);
      assertThat(uplot.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
      assertThat(uplot.body()).contains("var uPlot=");
      assertThat(get(server.url() + "/assets/uPlot.min.css").body()).contains(".uplot");
      assertThat(get(server.url() + "/assets/uPlot.LICENSE.txt").body()).contains("MIT License");
      assertThat(get(server.url() + "/dashboard.js").body()).contains("api/dashboard");
      assertThat(get(server.url() + "/dashboard.css").statusCode()).isEqualTo(200);
      assertThat(get(server.url() + "/assets/other.js").statusCode()).isEqualTo(404);
      assertThat(get(server.url() + "/index.html").statusCode()).isEqualTo(404);
      assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/dashboard"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(405);
    }
  }

  @Test
  void theDataHoldsTheBatchesAfterTheOneAskedForAndTheLatestPredictionsWithTheirText() throws Exception {
    try (JobHttpServer server = JobHttpServer.start("127.0.0.1", 0, "--http-port")) {
      LatestPredictions latest = new LatestPredictions(3);
      Dashboard dashboard = Dashboard.serve(server, DashboardFixtures.report(2), latest);
      latest.publish(1, List.of(DashboardFixtures.sourced(11, 1, "SIMPLE"), DashboardFixtures.sourced(12, 1, "A"),
          DashboardFixtures.sourced(13, 1, "B"), DashboardFixtures.sourced(14, 1, DashboardFixtures.HOSTILE)));

      HttpResponse<String> all = get(server.url() + "/api/dashboard");
      assertThat(all.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(all.headers().firstValue("Content-Security-Policy")).hasValue(Dashboard.CSP);
      assertThat(all.body()).as("HTML-safe JSON").doesNotContain("<").doesNotContain(">").doesNotContain("&");
      JsonNode data = JSON.readTree(all.body());
      assertThat(data.path("live").asBoolean()).isTrue();
      assertThat(data.path("after").asLong()).isEqualTo(-1);
      assertThat(data.path("report").path("batches")).hasSize(2);
      JsonNode predictions = data.path("predictions");
      assertThat(predictions).as("the capacity, most recent first").hasSize(3);
      assertThat(predictions.get(0).path("prediction").path("id").asText()).isEqualTo("14");
      assertThat(predictions.get(0).path("description").asText()).isEqualTo(DashboardFixtures.HOSTILE);
      assertThat(predictions.get(0).path("primaryType").asText()).isEqualTo("BATTERY");
      assertThat(predictions.get(0).path("arrest").asBoolean()).isTrue();
      assertThat(predictions.get(2).path("prediction").path("id").asText()).isEqualTo("12");

      dashboard.record(DashboardFixtures.report(4));
      JsonNode newer = JSON.readTree(get(server.url() + "/api/dashboard?after=2").body());
      assertThat(newer.path("instance").asText()).isEqualTo(data.path("instance").asText());
      assertThat(newer.path("report").path("batches").findValuesAsText("batch")).containsExactly("3", "4");
      assertThat(newer.path("report").path("summary").path("batches").asLong()).isEqualTo(4);
      assertThat(newer.path("report").path("champion").path("model").asText()).isEqualTo("logistic_regression");

      HttpResponse<String> bad = get(server.url() + "/api/dashboard?after=two");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("after must be a batch number").contains("'two'");
    }
  }
}
