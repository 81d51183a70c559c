package io.crimestream.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The reader on every real export under ../shared/data/chicago. */
class CrimeCsvReaderSharedDataTest {

  /** Everything a read produced, kept for assertions. */
  static final class Collected implements CrimeCsvReader.Listener {
    final List<CrimeRecord> records = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    final List<Rejection> cleared = new ArrayList<>();

    @Override
    public void accepted(CrimeRecord record, long line) {
      records.add(record);
    }

    @Override
    public void rejected(Rejection rejection) {
      rejections.add(rejection);
    }

    @Override
    public void fieldCleared(Rejection note) {
      cleared.add(note);
    }

    Map<YearMonth, Integer> perMonth() {
      Map<YearMonth, Integer> m = new HashMap<>();
      records.forEach(r -> m.merge(r.month(), 1, Integer::sum));
      return m;
    }
  }

  static Collected read(String name) throws IOException {
    Collected c = new Collected();
    ReadSummary summary = CrimeCsvReader.read(SharedData.file(name), c);
    assertThat(summary.accepted()).isEqualTo(c.records.size());
    assertThat(summary.rejectedTotal()).isEqualTo(c.rejections.size());
    assertThat(summary.rows()).isEqualTo(c.records.size() + c.rejections.size());
    return c;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // file, data rows accepted, a month, rows in that month (counted independently with Python's csv)
      "kaggle_2012_2017_sample.csv,    4851, 2016-05, 3446",
      "portal_2015-09.csv,             5445, 2015-09, 4654",
      "portal_2016-01.csv,             1730, 2016-01, 1730",
      "portal_2018-01_spreadsheet.csv,  745, 2018-01,  643",
      "soda_2017.csv,                 12000, 2017-06, 1184",
      "soda_2018.csv,                 11640, 2018-03, 1027",
  })
  void readsEveryRealExport(String file, int accepted, String month, int inMonth) throws IOException {
    Collected c = read(file);
    assertThat(c.records).hasSize(accepted);
    assertThat(c.perMonth().get(YearMonth.parse(month))).isEqualTo(inMonth);
    Set<Long> ids = new HashSet<>();
    c.records.forEach(r -> ids.add(r.id()));
    assertThat(ids).as("ids are unique and read from the ID column, not the index").hasSize(accepted);
    assertThat(c.cleared).isEmpty();
  }

  @Test
  void portalFileCutOffInItsLastLineReportsThatLineAndKeepsEveryOther() throws IOException {
    Collected c = read(SharedData.PORTAL_2015_09);
    assertThat(c.records).hasSize(5445);
    assertThat(c.rejections).singleElement().satisfies(r -> {
      assertThat(r.source()).endsWith("portal_2015-09.csv");
      assertThat(r.line()).isEqualTo(5447); // header on line 1, 5,446 data lines
      assertThat(r.key()).isEqualTo("wrong_field_count");
      assertThat(r.detail()).contains("expected 22 fields", "found 15");
    });
    assertThat(c.records.get(c.records.size() - 1).id()).isNotEqualTo(10232673L);
  }

  @Test
  void otherFilesRejectNothing() throws IOException {
    for (String f : List.of(SharedData.KAGGLE, SharedData.PORTAL_2016_01, SharedData.SPREADSHEET_2018_01,
        SharedData.SODA_2017, SharedData.SODA_2018)) {
      assertThat(read(f).rejections).as(f).isEmpty();
    }
  }

  @Test
  void kaggleFloatsAndFlagsReadAsTheirTypes() throws IOException {
    CrimeRecord first = read(SharedData.KAGGLE).records.get(0);
    // 3,10508693,HZ250496,05/03/2016 11:40:00 PM,013XX S SAWYER AVE,0486,BATTERY,...,True,True,1022,10.0,24.0,29.0,08B,1154907.0,...
    assertThat(first.id()).isEqualTo(10508693L);
    assertThat(first.date()).hasToString("2016-05-03T23:40");
    assertThat(first.arrest()).isTrue();
    assertThat(first.domestic()).isTrue();
    assertThat(first.district()).isEqualTo(10);
    assertThat(first.ward()).isEqualTo(24);
    assertThat(first.communityArea()).isEqualTo(29);
    assertThat(first.beat()).isEqualTo("1022");
    assertThat(first.xCoordinate()).isEqualTo(1154907.0);
  }

  @Test
  void spreadsheetRoundTripGetsItsZerosBack() throws IOException {
    CrimeRecord first = read(SharedData.SPREADSHEET_2018_01).records.get(0);
    // 11221611,JB139411,2/3/2018 0:26,046XX W MONROE ST,486,...,FALSE,TRUE,1113,11,28,25,08B,...
    assertThat(first.iucr()).isEqualTo("0486");
    assertThat(first.date()).hasToString("2018-02-03T00:26");
    assertThat(first.arrest()).isFalse();
    assertThat(first.domestic()).isTrue();
    assertThat(first.district()).isEqualTo(11);
    Collected all = read(SharedData.SPREADSHEET_2018_01);
    assertThat(all.records).allSatisfy(r -> {
      assertThat(r.iucr()).hasSize(4);
      assertThat(r.fbiCode()).hasSizeBetween(2, 3);
      assertThat(r.beat()).hasSize(4);
    });
  }

  @Test
  void sodaFileWithTwoIdColumnsTakesTheSecond() throws IOException {
    CrimeRecord first = read(SharedData.SODA_2018).records.get(0);
    // id,arrest,...: 0,False,0726,021XX W 63RD ST,JB108164,67,2018-01-08T00:30:00.000,...,11198036,1320,...
    assertThat(first.id()).isEqualTo(11198036L);
    assertThat(first.caseNumber()).isEqualTo("JB108164");
    assertThat(first.date()).hasToString("2018-01-08T00:30");
    assertThat(first.iucr()).isEqualTo("1320");
    assertThat(first.communityArea()).isEqualTo(67);
  }

  @Test
  void rowsWithoutCoordinatesAreKeptWithCoordinatesMissing() throws IOException {
    Collected c = read(SharedData.PORTAL_2016_01);
    long withoutXy = c.records.stream().filter(r -> r.xCoordinate() == null).count();
    assertThat(withoutXy).isEqualTo(188);
    assertThat(c.records.stream().filter(r -> r.xCoordinate() == null))
        .allSatisfy(r -> assertThat(r.latitude()).isNull());
  }
}
