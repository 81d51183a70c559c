package io.crimestream.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireCodecTest {

  static final CrimeRecord FULL = CrimeRecord.builder()
      .id(10508693).caseNumber("HZ250496").date(LocalDateTime.parse("2016-05-03T23:40:00"))
      .block("013XX S SAWYER AVE").iucr("0486").primaryType("BATTERY")
      .description("DOMESTIC BATTERY SIMPLE").locationDescription("APARTMENT").arrest(true)
      .domestic(true).beat("1022").district(10).ward(24).communityArea(29).fbiCode("08B")
      .xCoordinate(1154907.0).yCoordinate(1893681.0).latitude(41.864073157).longitude(-87.706818608)
      .build();

  static WireCodec.Decoded decode(String json) {
    return WireCodec.decode(json.getBytes(StandardCharsets.UTF_8), "t-0@1");
  }

  static String reason(String json) {
    WireCodec.Decoded d = decode(json);
    assertThat(d).as(json).isInstanceOf(WireCodec.Rejected.class);
    return ((WireCodec.Rejected) d).rejection().key();
  }

  @Test
  void encodesWithSocrataNamesAndDecodesToTheSameRecord() {
    byte[] bytes = WireCodec.encode(FULL);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
        "{\"id\":\"10508693\",\"case_number\":\"HZ250496\",\"date\":\"2016-05-03T23:40:00\","
            + "\"block\":\"013XX S SAWYER AVE\",\"iucr\":\"0486\",\"primary_type\":\"BATTERY\","
            + "\"description\":\"DOMESTIC BATTERY SIMPLE\",\"location_description\":\"APARTMENT\","
            + "\"arrest\":true,\"domestic\":true,\"beat\":\"1022\",\"district\":10,\"ward\":24,"
            + "\"community_area\":29,\"fbi_code\":\"08B\",\"x_coordinate\":1154907.0,"
            + "\"y_coordinate\":1893681.0,\"latitude\":41.864073157,\"longitude\":-87.706818608}");
    assertThat(WireCodec.decode(bytes, "t")).isEqualTo(new WireCodec.Accepted(FULL));
    assertThat(WireCodec.key(FULL)).isEqualTo("10508693");
  }

  @Test
  void missingOptionalFieldsAreLeftOutAndComeBackMissing() {
    CrimeRecord sparse = CrimeRecord.builder().id(1).date(LocalDateTime.parse("2016-05-03T23:40:00")).build();
    String json = new String(WireCodec.encode(sparse), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":false}");
    assertThat(decode(json)).isEqualTo(new WireCodec.Accepted(sparse));
  }

  @Test
  void everyRealRowSurvivesTheRoundTrip() throws IOException {
    var c = new CrimeCsvReaderSharedDataTest.Collected();
    CrimeCsvReader.read(SharedData.file(SharedData.SPREADSHEET_2018_01), c);
    CrimeCsvReader.read(SharedData.file(SharedData.SODA_2017), c);
    for (CrimeRecord r : c.records) {
      assertThat(WireCodec.decode(WireCodec.encode(r), "t")).isEqualTo(new WireCodec.Accepted(r));
    }
  }

  @Test
  void socrataStyleStringsForNumbersAndBooleansAreAccepted() {
    var d = decode("{\"id\":\"5\",\"date\":\"2017-06-01T10:00:00.000\",\"arrest\":\"true\",\"ward\":\"24\","
        + "\"x_coordinate\":\"1154907\",\"beat\":925}");
    assertThat(d).isInstanceOfSatisfying(WireCodec.Accepted.class, a -> {
      assertThat(a.record().ward()).isEqualTo(24);
      assertThat(a.record().xCoordinate()).isEqualTo(1154907.0);
      assertThat(a.record().beat()).isEqualTo("0925");
      assertThat(a.record().arrest()).isTrue();
    });
  }

  @ParameterizedTest(name = "{1} <- {0}")
  @CsvSource(delimiter = '|', value = {
      "{not json                                                            | invalid_json",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":true}xyz   | invalid_json",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":true}{\"id\":\"2\"} | invalid_json",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":false,\"arrest\":true} | invalid_json",
      "[1,2]                                                                | not_an_object",
      "42                                                                   | not_an_object",
      "{}                                                                   | missing_field:id",
      "{\"id\":\"1\",\"arrest\":true}                                       | missing_field:date",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\"}                      | missing_field:arrest",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":null}      | missing_field:arrest",
      "{\"id\":\"x1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":true}     | unparseable_value:id",
      "{\"id\":\"-4\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":true}     | out_of_range:id",
      "{\"id\":true,\"date\":\"2016-05-03T23:40:00\",\"arrest\":true}       | wrong_type:id",
      "{\"id\":\"1\",\"date\":20160503,\"arrest\":true}                     | wrong_type:date",
      "{\"id\":\"1\",\"date\":\"soon\",\"arrest\":true}                     | unparseable_value:date",
      "{\"id\":\"1\",\"date\":\"1850-05-03T23:40:00\",\"arrest\":true}      | out_of_range:date",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":7}         | wrong_type:arrest",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":\"perhaps\"} | unparseable_value:arrest",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":true,\"ward\":999} | out_of_range:ward",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":true,\"ward\":[1]} | wrong_type:ward",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":true,\"latitude\":\"north\"} | unparseable_value:latitude",
      "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":true,\"block\":{\"a\":1}} | wrong_type:block",
  })
  void malformedRecordsAreRejectedWithAReason(String json, String expectedKey) {
    assertThat(reason(json)).isEqualTo(expectedKey);
  }

  @Test
  void emptyInvalidUtf8AndOversizedValuesAreRejected() {
    assertThat(((WireCodec.Rejected) WireCodec.decode(new byte[0], "t")).rejection().key()).isEqualTo("empty_record");
    assertThat(((WireCodec.Rejected) WireCodec.decode(null, "t")).rejection().key()).isEqualTo("empty_record");
    assertThat(((WireCodec.Rejected) WireCodec.decode("  \n".getBytes(StandardCharsets.UTF_8), "t"))
        .rejection().key()).isEqualTo("empty_record");
    byte[] badUtf8 = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThat(((WireCodec.Rejected) WireCodec.decode(badUtf8, "t")).rejection().key()).isEqualTo("invalid_utf8");
    String longBlock = "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":true,\"block\":\"" + "B".repeat(1000) + "\"}";
    assertThat(reason(longBlock)).isEqualTo("too_long:block");
    assertThat(reason("{\"id\":\"1\",\"pad\":\"" + "x".repeat(20_000) + "\"}")).isEqualTo("too_long");
    assertThat(reason("[".repeat(100) + "]".repeat(100))).isEqualTo("invalid_json");
  }

  @Test
  void rejectionDetailNeverEchoesAHugeValue() {
    String json = "{\"id\":\"1\",\"date\":\"" + "9".repeat(200) + "\",\"arrest\":true}";
    var r = ((WireCodec.Rejected) decode(json)).rejection();
    assertThat(r.detail().length()).isLessThan(200);
  }
}
