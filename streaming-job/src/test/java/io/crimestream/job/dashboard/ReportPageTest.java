package io.crimestream.job.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// report.html: one file with its data and scripts inline, whose policy lets exactly those scripts
// run and makes no connection, and whose data no free text can break out of.
class ReportPageTest {

  private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
  private static final Pattern CSP = Pattern.compile(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">");

  @Test
  void theFileIsSelfContainedAndItsPolicyAllowsOnlyItsOwnInlineScriptsAndNoConnection(@TempDir Path dir)
      throws Exception {
    var predictions = List.of(RecentPrediction.of(DashboardFixtures.prediction(14, 3),
        DashboardFixtures.incident(14, DashboardFixtures.HOSTILE)));
    Path file = ReportPage.write(DashboardFixtures.report(3), predictions, dir.resolve(ReportPage.FILE));
    String html = Files.readString(file);

    assertThat(html).doesNotContain("crimestream:head").doesNotContain("crimestream:scripts")
        .doesNotContain("src=\"").doesNotContain("href=\"assets").doesNotContain("<link rel=\"stylesheet\"");
    Matcher csp = CSP.matcher(html);
    assertThat(csp.find()).as("a meta Content-Security-Policy").isTrue();
    String policy = csp.group(1);
    assertThat(policy).startsWith("default-src 'none';").doesNotContain("connect-src").doesNotContain("unsafe")
        .doesNotContain("'self'");

    List<String> executable = new ArrayList<>();
    String data = null;
    Matcher m = SCRIPT.matcher(html);
    while (m.find()) {
      if (m.group(1).contains("application/json")) {
        data = m.group(2);
      } else {
        assertThat(m.group(1)).as("an inline script, no source").isEmpty();
        executable.add(m.group(2));
      }
    }
    assertThat(executable).as("uPlot and the dashboard's script").hasSize(2);
    assertThat(executable.get(0)).contains("MIT License").contains("var uPlot=");
    for (String script : executable) {
      assertThat(policy).contains("script-src").contains(DashboardPage.hash(script));
    }
    Matcher style = STYLE.matcher(html);
    assertThat(style.find()).isTrue();
    assertThat(policy).contains("style-src " + DashboardPage.hash(style.group(1)));

    // the hostile description is in the data, escaped, and reads back whole
    assertThat(data).isNotNull().doesNotContain("<");
    assertThat(html.toLowerCase(Locale.ROOT).split("</script", -1)).as("one end tag per script element").hasSize(4);
    JsonNode parsed = new ObjectMapper().readTree(data);
    assertThat(parsed.path("live").asBoolean()).isFalse();
    assertThat(parsed.path("report").path("batches")).hasSize(3);
    assertThat(parsed.path("predictions").get(0).path("description").asText()).isEqualTo(DashboardFixtures.HOSTILE);
    assertThat(parsed.path("report").path("rowsRejected").has(DashboardFixtures.HOSTILE)).isTrue();
  }

  @Test
  void thePageScriptPutsNoDataInAsHtml() {
    String script = DashboardAssets.get().script.text();
    for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
        "new Function", "setAttribute('style'", "http://", "https://")) {
      assertThat(script).as("dashboard.js must not use %s", sink).doesNotContain(sink);
    }
    assertThat(DashboardAssets.get().page.text()).as("no inline style or script in the page itself")
        .doesNotContain(" style=\"").doesNotContain("<script").doesNotContainPattern(" on[a-z]+=");
  }

  @Test
  void generatedAtIsInTheData() {
    String html = ReportPage.html(DashboardFixtures.report(1), List.of(), Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(html).contains("\"generated\":\"2026-12-01T10:00:00Z\"");
  }
}
