package io.crimestream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.record.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./crimestream local --dry-run} (and report's and bench's): every option and the data
 * checked, the plan printed, nothing started, within seconds; or the usual exit status and
 * message for what a run would refuse.
 */
class DryRunTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  @BeforeEach
  void capture() {
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  private int run(String... args) {
    return CrimeStreamCli.run(args);
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "kaggle_2012_2017_sample.csv,    2016-05,                 2016-05: 3446 rows",
      "portal_2015-09.csv,             2015-09,                 2015-09: 4654 rows",
      "portal_2016-01.csv,             2016-01,                 2016-01: 1730 rows",
      "portal_2018-01_spreadsheet.csv, 2018-01,                 2018-01: 643 rows",
      "soda_2017.csv,                  '2017-01,2017-02,2017-03', 2017-03:",
      "soda_2018.csv,                  '2018-01,2018-02,2018-03', 2018-01: 974 rows",
  })
  void aDryRunOnEverySharedExportPrintsThePlanWithTheRowsOfEachMonth(String file, String months,
                                                                    String expected) {
    long start = System.nanoTime();
    int status = run("local", "--data", SharedData.file(file).toString(), "--months", months,
        "--dry-run", "--models", "logistic_regression,random_forest", "--training-window", "last:20000");
    assertThat(status).as(printed()).isZero();
    assertThat(printed()).contains("dry run: nothing started", expected,
        "models logistic_regression,random_forest", "training window last:20000", "topic crimenes",
        "metrics.json");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no broker, no Spark")
        .isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aMissingFileIsExit3NamingIt() {
    assertThat(run("local", "--data", "/nowhere/crimes.csv", "--months", "2016-05", "--dry-run")).isEqualTo(3);
    assertThat(printed()).contains("cannot read /nowhere/crimes.csv: no such file");
  }

  @Test
  void aMonthTheFileDoesNotHoldIsExit3ListingTheMonthsItHolds() {
    assertThat(run("local", "--data", SharedData.file(SharedData.PORTAL_2016_01).toString(),
        "--months", "2016-02", "--dry-run")).isEqualTo(3);
    assertThat(printed()).contains("holds no rows of 2016-02; it holds 2016-01 (1730 rows)");
  }

  @Test
  void aBadMonthIsExit2NamingTheOption() {
    assertThat(run("local", "--data", SharedData.file(SharedData.PORTAL_2016_01).toString(),
        "--months", "2016-13", "--dry-run")).isEqualTo(2);
    assertThat(printed()).contains("Invalid value for option '--months': '2016-13' is not a month");
  }

  @Test
  void anIllegalTopicIsExit2WithKafkasRule() {
    assertThat(run("local", "--data", SharedData.file(SharedData.PORTAL_2016_01).toString(),
        "--months", "2016-01", "--topic", "crímenes", "--dry-run")).isEqualTo(2);
    assertThat(printed()).contains("Invalid value for option '--topic'", "(e.g. 'crimenes' for 'crímenes')");
  }

  @Test
  void reportAndBenchDryRunsCheckTheirOptionsAndDataToo() {
    assertThat(run("report", "--data", SharedData.file(SharedData.KAGGLE).toString(), "--months",
        "2016-04,2016-05", "--dry-run")).as(printed()).isZero();
    assertThat(printed()).contains("The report would evaluate logistic_regression,decision_tree,"
        + "random_forest,gradient_boosted_trees", "2016-04: 805 rows, 2016-05: 3446 rows");
    assertThat(run("bench", "--out", "target/bench-dry-run", "--sizes", "1000,20000", "--dry-run",
        "--data", SharedData.file(SharedData.PORTAL_2016_01).toString())).as(printed()).isZero();
    assertThat(printed()).contains("The bench would resample 1730 real rows", "[1000, 20000]");
    assertThat(run("report", "--data", SharedData.file(SharedData.KAGGLE).toString(), "--months",
        "2016-05", "--models", "svm", "--dry-run")).isEqualTo(2);
    assertThat(printed()).contains("'svm' is not a model; choose from logistic_regression");
  }
}
