package io.crimestream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.dashboard.HeadlessChromium;
import io.crimestream.job.dashboard.ReportPage;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.Pace;
import io.crimestream.record.SharedData;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real browser: Debian's Chromium, driven through its chromedriver, against a
 * paced local run. While the stream runs the page's batch count rises without a reload; once it
 * is drained every model has a drawn series (pixels of its colour on the chart's canvas), the
 * pickers redraw, the latest predictions are listed, and the console holds no error (a blocked
 * script or style would show there). Then the run's {@code report.html} is opened from disk and
 * shows the same. Screenshots are left in {@code target/dashboard-screenshots/} for a person to
 * look at. {@code .ci/run} installs the browser; without it this test is skipped. That free text
 * shows as text is streaming-job's {@code DashboardEscapingBrowserTest}, which needs no Spark.
 */
class DashboardBrowserIT {

  static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
  private static final Pattern DASHBOARD_URL = Pattern.compile(Pattern.quote(LocalRun.DASHBOARD_LINE)
      + "(http://[0-9.:]+/)");
  private static final Duration DEADLINE = Duration.ofMinutes(4);

  /** Counts the canvas pixels of the colour of a chart's legend entry (what uPlot drew for it). */
  private static final String PIXELS_OF_SERIES = """
      const [chartId, label] = arguments;
      const chart = document.getElementById(chartId);
      const canvas = chart && chart.querySelector('canvas');
      if (!canvas) { return -1; }
      const entry = Array.from(chart.querySelectorAll('.u-legend .u-series'))
        .find((s) => { const l = s.querySelector('.u-label'); return l && l.textContent === label; });
      if (!entry) { return -2; }
      const rgb = getComputedStyle(entry.querySelector('.u-marker')).borderTopColor.match(/\\d+/g).map(Number);
      // read from a copy: reading the page's own canvas again and again makes Chromium warn
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(canvas, 0, 0);
      const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && Math.abs(data[i] - rgb[0]) <= 6 && Math.abs(data[i + 1] - rgb[1]) <= 6
            && Math.abs(data[i + 2] - rgb[2]) <= 6) { n++; }
      }
      return n;
      """;
  /** Enough pixels for a line across a few batches, more than any stray anti-aliasing would give. */
  private static final long DRAWN = 40;

  @Test
  void theDashboardShowsTheModelsLearningLiveAndReportHtmlShowsTheFinishedRunFromDisk(@TempDir Path dir)
      throws Exception {
    HeadlessChromium.assumeInstalled();
    Files.createDirectories(SCREENSHOTS);
    Path out = dir.resolve("out");
    PrometheusScrapeIT.Lines progress = new PrometheusScrapeIT.Lines();
    // 100 rows every half second: the month's 3,446 rows arrive over about 17 s, so that the
    // batches come one after another while the page is watched
    LocalRun.Request request = new LocalRun.Request(List.of(YearMonth.of(2016, 5)),
        CrimeSource.file(SharedData.file(SharedData.KAGGLE)), Pace.paced(200, 100), "crimenes",
        b -> b.http("127.0.0.1", 0), out).keepServing(true);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread run = new Thread(() -> {
      try {
        LocalRun.run(request, System.out, new PrintStream(progress, true, StandardCharsets.UTF_8));
      } catch (Throwable t) {
        failed.set(t);
      }
    }, "local-run");
    long started = System.nanoTime();
    run.start();
    ChromeDriver browser = HeadlessChromium.start(dir.resolve("chromium-profile"), SCREENSHOTS);
    try {
      progress.await(l -> l.startsWith(LocalRun.DASHBOARD_LINE), DEADLINE, failed);
      Matcher m = DASHBOARD_URL.matcher(progress.text());
      assertThat(m.find()).as("the run prints where the dashboard is: %s", progress.text()).isTrue();
      String url = m.group(1);

      browser.get(url);
      browser.executeScript("window.crimestreamNotReloaded = true");
      int first = awaitBatchCount(browser, n -> n >= 1, failed);
      boolean drainedAtFirst = progress.text().contains(LocalRun.SERVING_LINE);
      int later = awaitBatchCount(browser, n -> n > first, failed);
      assertThat(drainedAtFirst).as("the first batches were on the page while the stream still ran").isFalse();
      assertThat(later).isGreaterThan(first);
      assertThat(browser.executeScript("return window.crimestreamNotReloaded === true"))
          .as("the count rose without a reload").isEqualTo(true);

      progress.await(l -> l.startsWith(LocalRun.SERVING_LINE), DEADLINE, failed);
      MetricsReport finished = MetricsJson.readReport(out.resolve("metrics.json"));
      int batches = (int) finished.summary().batches();
      awaitBatchCount(browser, n -> n == batches, failed);
      List<String> models = List.copyOf(finished.batches().get(finished.batches().size() - 1).models().keySet());
      assertThat(models).as("the default models and the baseline").hasSize(4);
      assertEveryModelDrawn(browser, models);
      assertPickersRedraw(browser, models);
      assertThat(rows(browser, "predictions")).as("the latest predictions").hasSizeBetween(1, 50)
          .allSatisfy(r -> assertThat(r).doesNotContain("no model yet"));
      assertThat(browser.findElement(By.id("champion")).getText()).isEqualTo(finished.champion().model() + " v"
          + finished.champion().version());
      assertThat(browser.findElement(By.id("status")).getText()).startsWith("live: updated");
      HeadlessChromium.assertNoConsoleError(browser, url);
      HeadlessChromium.screenshot(browser, SCREENSHOTS.resolve("dashboard.png"));
      // leave the page before the job stops, so that its next poll is not refused
      browser.get("about:blank");
      HeadlessChromium.clearConsole(browser);
    } finally {
      run.interrupt();
      run.join(Duration.ofMinutes(1).toMillis());
    }
    assertThat(run.isAlive()).as("the run ends once asked to stop serving").isFalse();
    assertThat(failed.get()).isNull();

    try {
      Path page = out.resolve(ReportPage.FILE);
      assertThat(page).exists();
      MetricsReport report = MetricsJson.readReport(out.resolve("metrics.json"));
      List<String> models = List.copyOf(report.summary().models().keySet());
      browser.get(page.toUri().toString());
      assertThat(awaitBatchCount(browser, n -> n >= 1, failed)).isEqualTo(report.summary().batches());
      assertEveryModelDrawn(browser, models);
      assertPickersRedraw(browser, models);
      assertThat(rows(browser, "predictions")).hasSize(50);
      assertThat(cells(browser, "predictions", 4)).as("each with its incident's type and description, from the"
          + " source").allSatisfy(c -> assertThat(c).matches("[A-Z][A-Z -]+: .+"));
      assertThat(browser.findElement(By.id("status")).getText()).startsWith("a finished run");
      HeadlessChromium.assertNoConsoleError(browser, page.toString());
      HeadlessChromium.screenshot(browser, SCREENSHOTS.resolve("report.png"));

    } finally {
      browser.quit();
    }
    System.err.printf("DashboardBrowserIT: %d s; screenshots in %s%n",
        Duration.ofNanos(System.nanoTime() - started).toSeconds(), SCREENSHOTS.toAbsolutePath());
  }

  /** The page's batch count once {@code until} holds, polled with a deadline. */
  private static int awaitBatchCount(ChromeDriver browser, IntPredicate until, AtomicReference<Throwable> failed)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (failed.get() != null) {
        throw new AssertionError("the run failed", failed.get());
      }
      last = browser.findElement(By.id("batch-count")).getText();
      String digits = last.replaceAll("[^0-9]", "");
      if (!digits.isEmpty() && until.test(Integer.parseInt(digits))) {
        return Integer.parseInt(digits);
      }
      Thread.sleep(250); // polling the page, bounded by the deadline
    }
    throw new AssertionError("the page's batch count did not get there within " + DEADLINE + "; last '" + last
        + "', status '" + browser.findElement(By.id("status")).getText() + "'");
  }

  /** Every model's line on the comparison chart, in the metrics the picker offers first. */
  private static void assertEveryModelDrawn(ChromeDriver browser, List<String> models) {
    for (String model : models) {
      assertThat(pixels(browser, "compare-chart", model))
          .as("pixels of %s's colour on the comparison chart", model).isGreaterThanOrEqualTo(DRAWN);
    }
  }

  /** The model picker redraws the per-model chart for each model; the metric picker the comparison. */
  private static void assertPickersRedraw(ChromeDriver browser, List<String> models) {
    for (String model : models) {
      browser.findElement(By.cssSelector("#model-picker option[value='" + model + "']")).click();
      assertThat(browser.findElement(By.cssSelector("#model-chart .u-title")).getText()).startsWith(model + ":");
      assertThat(pixels(browser, "model-chart", "AUC-ROC (held out)")).as("%s's held-out AUC", model)
          .isGreaterThanOrEqualTo(DRAWN);
    }
    browser.findElement(By.cssSelector("#scope-picker option[value='heldOut']")).click();
    browser.findElement(By.cssSelector("#metric-picker option[value='accuracy']")).click();
    assertThat(browser.findElement(By.cssSelector("#compare-chart .u-title")).getText())
        .isEqualTo("accuracy (held out) by model");
    assertEveryModelDrawn(browser, models);
    // back to the first model and metric, as the page opens
    browser.findElement(By.cssSelector("#model-picker option[value='" + models.get(0) + "']")).click();
    browser.findElement(By.cssSelector("#scope-picker option[value='prequentialCumulative']")).click();
    browser.findElement(By.cssSelector("#metric-picker option[value='areaUnderROC']")).click();
  }

  private static long pixels(ChromeDriver browser, String chart, String label) {
    Object n = ((JavascriptExecutor) browser).executeScript(PIXELS_OF_SERIES, chart, label);
    return ((Number) n).longValue();
  }

  /** Each row's text, read at once: the live page redraws its tables as the job's data come in. */
  private static List<String> rows(ChromeDriver browser, String table) {
    return texts(browser, "#" + table + " tbody tr");
  }

  private static List<String> cells(ChromeDriver browser, String table, int column) {
    return texts(browser, "#" + table + " tbody tr td:nth-child(" + column + ")");
  }

  private static List<String> texts(ChromeDriver browser, String selector) {
    List<String> out = new ArrayList<>();
    Object found = browser.executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
        + ".map((e) => e.textContent)", selector);
    for (Object o : (List<?>) found) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
