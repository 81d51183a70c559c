package io.crimestream.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on small hand-written inputs, one quirk of real exports per test. */
class CrimeCsvReaderTest {

  static final String PORTAL_HEADER = "ID,Case Number,Date,Block,IUCR,Primary Type,Description,"
      + "Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,"
      + "X Coordinate,Y Coordinate,Year,Updated On,Latitude,Longitude,Location";

  static String portalRow(String id, String date, String arrest) {
    return id + ",HZ1," + date + ",001XX W MADISON ST,0486,BATTERY,\"DOMESTIC, SIMPLE\",STREET,"
        + arrest + ",false,0111,001,42,32,08B,1175000,1900000,2016,05/10/2016 03:56:50 PM,41.88,-87.63,"
        + "\"(41.88, -87.63)\"";
  }

  static CrimeCsvReaderSharedDataTest.Collected read(String csv) throws IOException {
    return read(csv.getBytes(StandardCharsets.UTF_8));
  }

  static CrimeCsvReaderSharedDataTest.Collected read(byte[] csv) throws IOException {
    var c = new CrimeCsvReaderSharedDataTest.Collected();
    CrimeCsvReader.read(new ByteArrayInputStream(csv), "test.csv", c);
    return c;
  }

  @Test
  void quotedCommasStayInsideTheirField() throws IOException {
    var c = read(PORTAL_HEADER + "\n" + portalRow("1", "05/03/2016 11:40:00 PM", "true") + "\n");
    assertThat(c.rejections).isEmpty();
    assertThat(c.records).singleElement().satisfies(r -> {
      assertThat(r.description()).isEqualTo("DOMESTIC, SIMPLE");
      assertThat(r.arrest()).isTrue();
      assertThat(r.district()).isEqualTo(1);
      assertThat(r.beat()).isEqualTo("0111");
    });
  }

  @Test
  void byteOrderMarkBeforeTheHeaderIsIgnored() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = (PORTAL_HEADER + "\r\n" + portalRow("7", "05/03/2016 11:40:00 PM", "FALSE") + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    var c = read(all);
    assertThat(c.records).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(7));
  }

  @Test
  void everyDateFormOfTheRealExportsReads() throws IOException {
    String csv = PORTAL_HEADER + "\n"
        + portalRow("1", "05/03/2016 11:40:00 PM", "true") + "\n"
        + portalRow("2", "5/3/2016 23:40", "true") + "\n"
        + portalRow("3", "2016-05-03T23:40:00.000", "true") + "\n"
        + portalRow("4", "2016-05-03 23:40:00", "true") + "\n"
        + portalRow("5", "05/03/2016 11:40:00 pm", "true") + "\n"
        + portalRow("6", "2016-05-04T04:40:00Z", "true") + "\n"; // UTC, 23:40 in Chicago (CDT)
    var c = read(csv);
    assertThat(c.rejections).isEmpty();
    assertThat(c.records).extracting(r -> r.date().toString()).containsOnly("2016-05-03T23:40");
  }

  @Test
  void rowWithoutParseableDateOrArrestIsRejectedWithLineAndReasonAndReadingGoesOn() throws IOException {
    String csv = PORTAL_HEADER + "\n"
        + portalRow("1", "", "true") + "\n"                         // line 2
        + portalRow("2", "yesterday", "true") + "\n"                // line 3
        + portalRow("3", "05/03/2016 11:40:00 PM", "") + "\n"       // line 4
        + portalRow("4", "05/03/2016 11:40:00 PM", "maybe") + "\n"  // line 5
        + portalRow("5", "05/03/2016 11:40:00 PM", "True") + "\n";  // line 6
    var c = read(csv);
    assertThat(c.records).extracting(CrimeRecord::id).containsExactly(5L);
    assertThat(c.rejections).extracting(Rejection::line, Rejection::key).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2L, "missing_field:date"),
        org.assertj.core.groups.Tuple.tuple(3L, "unparseable_value:date"),
        org.assertj.core.groups.Tuple.tuple(4L, "missing_field:arrest"),
        org.assertj.core.groups.Tuple.tuple(5L, "unparseable_value:arrest"));
    assertThat(c.rejections.get(1).toString()).isEqualTo(
        "test.csv:3: unparseable_value:date: date 'yesterday' is in none of the forms"
            + " MM/dd/yyyy hh:mm:ss a, M/d/yyyy H:mm, yyyy-MM-ddTHH:mm:ss[.SSS]");
  }

  @Test
  void strayQuoteLosesOnlyItsOwnRow() throws IOException {
    String broken = portalRow("2", "05/03/2016 11:40:00 PM", "true").replace("001XX W MADISON ST", "\"001XX W");
    String csv = PORTAL_HEADER + "\n"
        + portalRow("1", "05/03/2016 11:40:00 PM", "true") + "\n"
        + broken + "\n"
        + portalRow("3", "05/03/2016 11:40:00 PM", "true") + "\n"
        + portalRow("4", "05/03/2016 11:40:00 PM", "true") + "\n";
    var c = read(csv);
    assertThat(c.records).extracting(CrimeRecord::id).containsExactly(1L, 3L, 4L);
    assertThat(c.rejections).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(3);
      assertThat(r.key()).isIn("unterminated_quote", "wrong_field_count");
    });
  }

  @Test
  void quotedLineBreakKeepsTheRowAndCountsLines() throws IOException {
    String multi = portalRow("2", "05/03/2016 11:40:00 PM", "true").replace("STREET", "\"STREET\nCORNER\"");
    String csv = PORTAL_HEADER + "\n" + multi + "\n" + portalRow("3", "01/01/2016 01:00:00 AM", "yes") + "\n"
        + "nonsense,row\n";
    var c = read(csv);
    assertThat(c.records).extracting(CrimeRecord::id).containsExactly(2L, 3L);
    assertThat(c.records.get(0).locationDescription()).isEqualTo("STREET\nCORNER");
    assertThat(c.rejections).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(5));
  }

  @Test
  void truncatedLastLineInsideQuotesIsReported() throws IOException {
    String full = portalRow("2", "05/03/2016 11:40:00 PM", "true");
    String cut = full.substring(0, full.lastIndexOf("\"(") + 5);
    var c = read(PORTAL_HEADER + "\n" + portalRow("1", "05/03/2016 11:40:00 PM", "true") + "\n" + cut);
    assertThat(c.records).extracting(CrimeRecord::id).containsExactly(1L);
    assertThat(c.rejections).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(3);
      assertThat(r.key()).isEqualTo("unterminated_quote");
    });
  }

  @Test
  void implausibleOptionalValuesBecomeMissingAndTheRowIsKept() throws IOException {
    String row = portalRow("1", "05/03/2016 11:40:00 PM", "true")
        .replace(",42,32,", ",99,abc,").replace(",1175000,1900000,", ",0,0,");
    var c = read(PORTAL_HEADER + "\n" + row + "\n");
    assertThat(c.rejections).isEmpty();
    assertThat(c.records).singleElement().satisfies(r -> {
      assertThat(r.ward()).isNull();
      assertThat(r.communityArea()).isNull();
      assertThat(r.xCoordinate()).isNull();
      assertThat(r.yCoordinate()).isNull();
      assertThat(r.district()).isEqualTo(1);
    });
    assertThat(c.cleared).extracting(Rejection::key).containsExactlyInAnyOrder(
        "unparseable_value:community_area", "out_of_range:ward", "out_of_range:x_coordinate",
        "out_of_range:y_coordinate");
  }

  @Test
  void dateBeforeTheDatasetIsRejected() throws IOException {
    var c = read(PORTAL_HEADER + "\n" + portalRow("1", "05/03/1999 11:40:00 PM", "true") + "\n");
    assertThat(c.rejections).extracting(Rejection::key).containsExactly("out_of_range:date");
  }

  @Test
  void leadingUnnamedIndexColumnIsIgnored() throws IOException {
    var c = read("," + PORTAL_HEADER + "\n17," + portalRow("5", "05/03/2016 11:40:00 PM", "True") + "\n");
    assertThat(c.records).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(5));
  }

  @Test
  void socrataHeaderInAnyOrderWithQuotedNames() throws IOException {
    String csv = "\"arrest\",\"date\",\"id\",\"iucr\",\"ward\"\n"
        + "\"true\",\"2017-06-01T10:00:00.000\",\"11\",\"041A\",\"3\"\n";
    var c = read(csv);
    assertThat(c.records).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(11);
      assertThat(r.iucr()).isEqualTo("041A");
      assertThat(r.ward()).isEqualTo(3);
      assertThat(r.beat()).isNull();
    });
  }

  @Test
  void unknownHeaderIsAClearErrorNamingFileAndExpectation() {
    assertThatThrownBy(() -> read("name,city,when\nBob,Paris,today\n"))
        .isInstanceOf(CrimeDataFormatException.class)
        .hasMessageStartingWith("test.csv: not a Chicago crimes export: the header lacks id (or case_number), date, arrest")
        .hasMessageContaining("found: name, city, when");
  }

  @Test
  void ambiguousHeaderIsAClearError() {
    assertThatThrownBy(() -> read("arrest,id,date,id\n"))
        .isInstanceOf(CrimeDataFormatException.class)
        .hasMessageContaining("names id twice (columns 2 and 4)");
  }

  @Test
  void emptyInputIsAClearError() {
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(CrimeDataFormatException.class)
        .hasMessageStartingWith("test.csv: empty");
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    Path nowhere = dir.resolve("nowhere.csv");
    assertThatThrownBy(() -> CrimeCsvReader.read(nowhere, new CrimeCsvReaderSharedDataTest.Collected()))
        .isInstanceOf(CrimeDataFormatException.class)
        .hasMessage(nowhere + ": no such file");
  }

  @Test
  void gzipFilesAreDecompressed(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("month.csv.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write((PORTAL_HEADER + "\n" + portalRow("9", "05/03/2016 11:40:00 PM", "true") + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    Files.write(gz, bytes.toByteArray());
    var c = new CrimeCsvReaderSharedDataTest.Collected();
    CrimeCsvReader.read(gz, c);
    assertThat(c.records).extracting(CrimeRecord::id).containsExactly(9L);
  }
}
