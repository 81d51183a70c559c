package io.crimestream.job.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.http.JobHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

// Crime descriptions are free text from the city, and the page must show them as text: a value
// that is markup (an <img onerror>, a </script><script>) is drawn in a real browser, on the live
// dashboard and in report.html, and must appear verbatim, create no element and run nothing.
// No Spark here: the dashboard's routes over fixtures, so that this runs in seconds.
class DashboardEscapingBrowserTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String INCIDENT = "BATTERY: " + DashboardFixtures.HOSTILE;

  private ChromeDriver browser;

  @BeforeEach
  void open(@TempDir Path dir) throws Exception {
    HeadlessChromium.assumeInstalled();
    browser = HeadlessChromium.start(dir.resolve("profile"), Path.of("target", "dashboard-escaping"));
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theLiveDashboardShowsMarkupInTheDataAsTextAndAsksOnlyTheJob() throws Exception {
    try (JobHttpServer server = JobHttpServer.start("127.0.0.1", 0, "--http-port")) {
      LatestPredictions latest = new LatestPredictions(5);
      Dashboard.serve(server, DashboardFixtures.report(3), latest);
      latest.publish(3, List.of(DashboardFixtures.sourced(21, 3, "SIMPLE"),
          DashboardFixtures.sourced(22, 3, DashboardFixtures.HOSTILE)));

      browser.get(server.url() + "/");
      awaitBatchCount("3");
      assertShownAsText();
      // every file and every poll went to the job itself, nothing elsewhere
      List<String> fetched = strings(browser.executeScript(
          "return performance.getEntriesByType('resource').map((e) => e.name)"));
      assertThat(fetched).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(server.url() + "/"));
      HeadlessChromium.assertNoConsoleError(browser, "the live dashboard");
    }
  }

  @Test
  void reportHtmlShowsMarkupInTheDataAsTextAndFetchesNothing(@TempDir Path dir) throws Exception {
    Path page = ReportPage.write(DashboardFixtures.report(3), List.of(RecentPrediction.of(
        DashboardFixtures.prediction(22, 3), DashboardFixtures.incident(22, DashboardFixtures.HOSTILE))),
        dir.resolve(ReportPage.FILE));

    browser.get(page.toUri().toString());
    awaitBatchCount("3");
    assertShownAsText();
    assertThat(strings(browser.executeScript(
        "return performance.getEntriesByType('resource').map((e) => e.name)"))).as("fetched").isEmpty();
    HeadlessChromium.assertNoConsoleError(browser, page.toString());
  }

  /** The hostile description in the predictions and the hostile reason in the rejections, verbatim. */
  private void assertShownAsText() {
    assertThat(strings(browser.executeScript("return Array.from(document.querySelectorAll("
        + "'#predictions tbody td:nth-child(4)')).map((e) => e.textContent)"))).contains(INCIDENT);
    assertThat(strings(browser.executeScript("return Array.from(document.querySelectorAll("
        + "'#rejected tbody td:first-child')).map((e) => e.textContent)"))).contains(DashboardFixtures.HOSTILE);
    assertThat(browser.findElements(By.cssSelector("main img, main script"))).as("elements made of the data")
        .isEmpty();
    assertThat(browser.findElements(By.tagName("script"))).as("only the page's own scripts")
        .hasSizeLessThanOrEqualTo(3);
    assertThat(browser.getTitle()).doesNotContain("pwned");
    assertThat(browser.executeScript("return document.documentElement.outerHTML.includes('<img src=\"x\"')"))
        .isEqualTo(false);
  }

  private void awaitBatchCount(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = browser.findElement(By.id("batch-count")).getText();
      if (last.equals(expected)) {
        return;
      }
      Thread.sleep(100); // polling the page, bounded by the deadline
    }
    throw new AssertionError("the page's batch count did not reach " + expected + " within " + DEADLINE
        + "; last '" + last + "', status '" + browser.findElement(By.id("status")).getText() + "'");
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
