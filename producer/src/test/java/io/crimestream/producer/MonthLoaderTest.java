package io.crimestream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crimestream.record.CrimeRecord;
import io.crimestream.record.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading months from every real export format under ../shared/data/chicago. */
class MonthLoaderTest {

  private final Output report = new Output();
  private final FakeClock clock = new FakeClock();

  @TempDir
  Path tmp;

  private LoadedMonths load(Path file, String... months) throws Exception {
    return MonthLoader.load(CrimeSource.file(file), List.of(months).stream().map(YearMonth::parse).toList(),
        report.stream, clock);
  }

  static void assertTimeOrderedAndUnique(List<CrimeRecord> rows) {
    for (int i = 1; i < rows.size(); i++) {
      CrimeRecord a = rows.get(i - 1);
      CrimeRecord b = rows.get(i);
      assertThat(MonthLoader.TIME_ORDER.compare(a, b)).as("row %d (%s) after row %d (%s)", i, b, i - 1, a).isNegative();
    }
    assertThat(rows.stream().map(CrimeRecord::id).distinct()).hasSameSizeAs(rows);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      // file, month, rows of the month, other rows of the file
      "kaggle_2012_2017_sample.csv,    2016-05, 3446, 1405",
      "kaggle_2012_2017_sample.csv,    2016-04,  805, 4046",
      "portal_2015-09.csv,             2015-09, 4654,  791",
      "portal_2016-01.csv,             2016-01, 1730,    0",
      "portal_2018-01_spreadsheet.csv, 2018-01,  643,  102",
      "soda_2017.csv,                  2017-06, 1184, 10816",
      "soda_2018.csv,                  2018-03, 1027, 10613",
  })
  void loadsTheMonthOfEveryExportFormatInTimeOrder(String file, String month, int rows, int outside) throws Exception {
    LoadedMonths loaded = load(SharedData.file(file), month);

    assertThat(loaded.rows()).hasSize(rows).allSatisfy(r -> assertThat(r.month()).hasToString(month));
    assertTimeOrderedAndUnique(loaded.rows());
    assertThat(loaded.outsideMonths()).isEqualTo(outside);
    assertThat(loaded.duplicateIds()).isZero();
    assertThat(report.lines()).last().asString()
        .contains(file, rows + " of " + month, outside + " outside the requested months", "0 duplicate ids dropped");
  }

  @Test
  void kaggleMayHasTheStudysFirstRowAndASummaryLine() throws Exception {
    LoadedMonths loaded = load(SharedData.file(SharedData.KAGGLE), "2016-05");

    assertThat(loaded.rows().get(0).date()).hasToString("2016-05-01T00:00");
    assertThat(report.lines()).containsExactly("loaded " + SharedData.file(SharedData.KAGGLE)
        + " in 0.0 s: 4851 rows read, 3446 of 2016-05, 0 rejected, 1405 outside the requested months,"
        + " 0 duplicate ids dropped");
  }

  @Test
  void severalMonthsLoadTogetherInTimeOrder() throws Exception {
    LoadedMonths loaded = load(SharedData.file(SharedData.KAGGLE), "2016-05", "2016-04");

    assertThat(loaded.months()).containsExactly(YearMonth.of(2016, 4), YearMonth.of(2016, 5));
    assertThat(loaded.rows()).hasSize(805 + 3446);
    assertTimeOrderedAndUnique(loaded.rows());
    assertThat(loaded.rows().get(804).month()).isEqualTo(YearMonth.of(2016, 4));
    assertThat(loaded.rows().get(805).month()).isEqualTo(YearMonth.of(2016, 5));
  }

  @Test
  void portalFileReportsItsCutOffLastLineAndStillLoadsTheMonth() throws Exception {
    LoadedMonths loaded = load(SharedData.file(SharedData.PORTAL_2015_09), "2015-09");

    assertThat(loaded.rows()).hasSize(4654);
    assertThat(loaded.readSummary().rejected()).containsExactly(java.util.Map.entry("wrong_field_count", 1L));
    assertThat(report.lines()).hasSize(2);
    assertThat(report.lines().get(0)).startsWith(SharedData.file(SharedData.PORTAL_2015_09)
        + ":5447: wrong_field_count: expected 22 fields as in the header, found 15");
    assertThat(report.lines().get(1)).contains("5446 rows read, 4654 of 2015-09, 1 rejected (wrong_field_count: 1)");
  }

  @Test
  void duplicateIdsAreDroppedAndCounted() throws Exception {
    // the same rows twice, as when an export is appended to itself or an API page is read again
    List<String> lines = Files.readAllLines(SharedData.file(SharedData.PORTAL_2016_01));
    List<String> doubled = new ArrayList<>(lines.subList(0, 101));
    doubled.addAll(lines.subList(1, 11));
    Path file = Files.write(tmp.resolve("doubled.csv"), doubled);

    LoadedMonths loaded = load(file, "2016-01");

    assertThat(loaded.rows()).hasSize(100);
    assertThat(loaded.duplicateIds()).isEqualTo(10);
    assertTimeOrderedAndUnique(loaded.rows());
    assertThat(report.text()).contains("110 rows read, 100 of 2016-01", "10 duplicate ids dropped");
  }

  @Test
  void manyRejectedRowsShowTheFirstTwentyThenACount() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(SharedData.file(SharedData.PORTAL_2016_01)).subList(0, 51));
    for (int i = 0; i < 25; i++) {
      lines.add("10367002,HZ103159,not a date,016XX W 77TH ST");
    }
    Path file = Files.write(tmp.resolve("broken.csv"), lines);

    LoadedMonths loaded = load(file, "2016-01");

    assertThat(loaded.rows()).hasSize(50);
    List<String> out = report.lines();
    assertThat(out).hasSize(22);
    assertThat(out.subList(0, 20)).allSatisfy(l -> assertThat(l).contains("broken.csv:", ": wrong_field_count: "));
    assertThat(out.get(0)).contains("broken.csv:52:");
    assertThat(out.get(20)).isEqualTo("... and 5 more rejected rows (counted by reason below)");
    assertThat(out.get(21)).contains("75 rows read, 50 of 2016-01, 25 rejected (wrong_field_count: 25)");
  }

  @Test
  void gzippedFileLoadsLikeThePlainOne() throws Exception {
    Path gz = tmp.resolve("kaggle.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(SharedData.file(SharedData.KAGGLE), out);
    }
    assertThat(load(gz, "2016-05").rows()).hasSize(3446);
  }

  @Test
  void aMonthTheSourceDoesNotHoldIsAnErrorListingTheMonthsItHolds() {
    assertThatThrownBy(() -> load(SharedData.file(SharedData.PORTAL_2016_01), "2020-01"))
        .isInstanceOf(SourceUnreadableException.class)
        .hasMessage(SharedData.file(SharedData.PORTAL_2016_01) + " holds no rows of 2020-01; it holds"
            + " 2016-01 (1730 rows)");
    // one month missing of two is an error too, and every month held is listed with its rows
    assertThatThrownBy(() -> load(SharedData.file(SharedData.SODA_2018), "2018-03", "2019-01"))
        .isInstanceOf(SourceUnreadableException.class)
        .hasMessageContaining("holds no rows of 2019-01; it holds 2018-01 (")
        .hasMessageEndingWith(" rows), 2018-11 (496 rows)");
    // a long file's months are summed up, not listed
    assertThatThrownBy(() -> load(SharedData.file(SharedData.KAGGLE), "2019-01"))
        .hasMessageEndingWith("holds no rows of 2019-01; it holds 47 months from 2012-01 to 2016-05"
            + " (4851 valid rows); ask for months in that range");
  }

  @Test
  void missingFileIsUnreadableWithWhatWasExpected() {
    Path missing = tmp.resolve("nope.csv");
    assertThatThrownBy(() -> load(missing, "2016-05"))
        .isInstanceOf(SourceUnreadableException.class)
        .hasMessage("cannot read " + missing + ": no such file; expected a CSV export of the city's crimes"
            + " (portal, Kaggle or Socrata columns; .csv or .csv.gz)");
  }

  @Test
  void fileWithAnUnknownHeaderIsUnreadableWithTheColumnsExpected() throws IOException {
    Path other = Files.writeString(tmp.resolve("weather.csv"), "station,date,temperature\nKORD,2016-05-01,12.5\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> load(other, "2016-05"))
        .isInstanceOf(SourceUnreadableException.class)
        .hasMessageStartingWith("cannot read " + other + ": not a Chicago crimes export: the header lacks id (or case_number), arrest")
        .hasMessageContaining("found: station, date, temperature");
  }

  static String ids(List<CrimeRecord> rows) {
    return rows.stream().map(r -> Long.toString(r.id())).collect(Collectors.joining(","));
  }
}
