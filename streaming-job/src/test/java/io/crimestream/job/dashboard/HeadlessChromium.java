package io.crimestream.job.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The browser the dashboard's tests open it in: Debian's Chromium, headless, driven through
 * Debian's chromedriver (never one Selenium would download), with its console log kept so that a
 * test can tell a blocked script or style from a clean page. {@code .ci/run} installs both; on a
 * machine without them the tests that need one are skipped with the packages to install.
 */
public final class HeadlessChromium {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /** Skips the calling test, naming the Debian packages, on a machine without the browser. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "no " + CHROMIUM + " or " + CHROMEDRIVER + ": install Debian's chromium and chromium-driver packages"
            + " (apt-get install chromium chromium-driver; .ci/run does)");
  }

  /**
   * A fresh browser with its profile in {@code profile} and chromedriver's log in {@code logDir};
   * a 1400 px wide window at scale 1, so that screenshots read alike on every machine.
   */
  public static ChromeDriver start(Path profile, Path logDir) throws Exception {
    Files.createDirectories(profile);
    Files.createDirectories(logDir);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // without the background-networking flags Chromium reaches for Google's services on its own
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1400,2000",
        "--force-device-scale-factor=1");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(logDir.resolve("chromedriver.log").toFile())
        .build();
    return new ChromeDriver(service, options);
  }

  /** Fails with every warning and error the console got since it was last read. */
  public static void assertNoConsoleError(ChromeDriver browser, String page) {
    List<String> errors = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        errors.add(e.getLevel() + " " + e.getMessage());
      }
    }
    assertThat(errors).as("the browser console on %s", page).isEmpty();
  }

  /** Forgets what the console got so far (what a previous page left). */
  public static void clearConsole(ChromeDriver browser) {
    browser.manage().logs().get(LogType.BROWSER);
  }

  /** Saves what the window shows as a PNG. */
  public static Path screenshot(ChromeDriver browser, Path file) throws Exception {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    return file;
  }
}
