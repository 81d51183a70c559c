package io.crimestream.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same real export as users save it in other forms: re-encoded (UTF-16 from a spreadsheet's
 * "Unicode text", UTF-8 with a byte-order mark), separated by semicolons or tabs (with decimal
 * commas), or selected without its id column. Each variant is written to a temporary folder
 * from the shared file and must read to exactly the records the original gives.
 */
class ExportVariantsTest {

  @TempDir
  Path tmp;

  private static List<CrimeRecord> original() throws IOException {
    return SharedData.validRows(SharedData.PORTAL_2016_01);
  }

  private static List<String> originalLines() throws IOException {
    return Files.readAllLines(SharedData.file(SharedData.PORTAL_2016_01), StandardCharsets.UTF_8);
  }

  private CrimeCsvReaderSharedDataTest.Collected read(Path file) throws IOException {
    CrimeCsvReaderSharedDataTest.Collected c = new CrimeCsvReaderSharedDataTest.Collected();
    ReadSummary summary = CrimeCsvReader.read(file, c);
    assertThat(summary.rows()).isEqualTo(c.records.size() + c.rejections.size());
    return c;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "UTF-16LE, true,  UTF-16LE with a byte-order mark",
      "UTF-16BE, true,  UTF-16BE with a byte-order mark",
      "UTF-16LE, false, UTF-16LE without a byte-order mark",
      "UTF-16BE, false, UTF-16BE without a byte-order mark",
      "UTF-8,    true,  UTF-8 with a byte-order mark",
  })
  void anExportInAnotherUnicodeEncodingReadsToTheSameRecords(String charset, boolean mark,
                                                              String described) throws IOException {
    Path file = tmp.resolve("export.csv");
    String text = (mark ? "\uFEFF" : "") + String.join("\n", originalLines()) + "\n";
    Files.write(file, text.getBytes(Charset.forName(charset)));

    CrimeCsvReaderSharedDataTest.Collected c = new CrimeCsvReaderSharedDataTest.Collected();
    ReadSummary summary = CrimeCsvReader.read(file, c);
    assertThat(c.records).isEqualTo(original());
    assertThat(summary.format().encoding()).isEqualTo(described);
    assertThat(summary.toString()).contains(described.equals("UTF-8") ? "" : "read as " + described);
  }

  @ParameterizedTest(name = "separated by {0}s")
  @CsvSource({"semicolon", "tab"})
  void aSpreadsheetSeparatedBySemicolonsOrTabsWithDecimalCommasReadsToTheSameRecords(String name)
      throws IOException {
    String separator = name.equals("tab") ? "\t" : ";";
    List<String> lines = new ArrayList<>();
    for (String line : originalLines()) {
      List<String> fields = CsvRows.split(line);
      if (fields == null) {
        continue;
      }
      List<String> out = new ArrayList<>();
      for (String f : fields) {
        // what a spreadsheet in such a locale writes: 41,86 for 41.86
        String v = f.matches("-?[0-9]+\\.[0-9]+") ? f.replace('.', ',') : f;
        out.add(v.contains(separator) || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v);
      }
      lines.add(String.join(separator, out));
    }
    Path file = tmp.resolve("export.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);

    CrimeCsvReaderSharedDataTest.Collected c = new CrimeCsvReaderSharedDataTest.Collected();
    ReadSummary summary = CrimeCsvReader.read(file, c);
    assertThat(c.records).isEqualTo(original());
    assertThat(c.cleared).isEmpty();
    assertThat(summary.format().separator()).isEqualTo(separator.charAt(0));
    assertThat(summary.toString()).contains("fields separated by " + name + "s");
  }

  @Test
  void anExportSelectedWithoutIdIsKeyedByCaseNumberAndSaysSo() throws IOException {
    List<String> lines = originalLines();
    List<String> header = CsvRows.split(lines.get(0));
    int id = header.indexOf("ID");
    assertThat(id).as("the portal export's ID column").isNotNegative();
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      List<String> fields = CsvRows.split(line);
      if (fields == null || fields.size() != header.size()) {
        continue;
      }
      List<String> kept = new ArrayList<>(fields);
      kept.remove(id);
      out.add(String.join(",", kept.stream()
          .map(v -> v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v).toList()));
    }
    Path file = tmp.resolve("no-id.csv");
    Files.write(file, out, StandardCharsets.UTF_8);

    CrimeCsvReaderSharedDataTest.Collected c = new CrimeCsvReaderSharedDataTest.Collected();
    ReadSummary summary = CrimeCsvReader.read(file, c);
    List<CrimeRecord> original = original();
    assertThat(c.records).hasSize(original.size());
    assertThat(summary.format().keyedByCaseNumber()).isTrue();
    assertThat(summary.toString()).contains("no id column: incidents are keyed by their case_number");
    for (int i = 0; i < original.size(); i++) {
      CrimeRecord byCase = c.records.get(i);
      assertThat(RecordKey.isCaseNumber(byCase.id())).isTrue();
      assertThat(RecordKey.caseNumber(byCase.id())).isEqualTo(original.get(i).caseNumber());
      assertThat(byCase.toBuilder().id(original.get(i).id()).build()).isEqualTo(original.get(i));
    }
    // on the wire it travels by its case number, never by a made-up id
    CrimeRecord first = c.records.get(0);
    String json = new String(WireCodec.encode(first), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("\"id\"").contains("\"case_number\":\"" + first.caseNumber() + "\"");
    assertThat(WireCodec.key(first)).isEqualTo(first.caseNumber());
    assertThat(WireCodec.decode(WireCodec.encode(first), "test"))
        .isEqualTo(new WireCodec.Accepted(first));
  }

  @Test
  void anExportWithNeitherIdNorCaseNumberIsRefusedNamingBoth() throws IOException {
    Path file = tmp.resolve("neither.csv");
    Files.writeString(file, "Date,Arrest,Primary Type\n01/01/2016 10:00:00 AM,false,THEFT\n");
    assertThatThrownBy(() -> read(file)).isInstanceOf(CrimeDataFormatException.class)
        .hasMessageContaining("the header lacks id (or case_number)");
  }

  @Test
  void aFileOfAnotherKindIsRefusedWithItsTextEscapedNeverRaw() throws IOException {
    Path file = tmp.resolve("binary.csv");
    // a header of control characters: the message must not carry them to the terminal
    Files.write(file, new byte[] {'n', 'a', 0x1b, '[', '2', 'J', ',', 0x07, 'x', '\n', 'a', ',', 'b', '\n'});
    assertThatThrownBy(() -> read(file)).isInstanceOf(CrimeDataFormatException.class)
        .hasMessageContaining("found: na\\u001b[2J, \\u0007x")
        .satisfies(e -> assertThat(e.getMessage().chars().filter(Character::isISOControl)).isEmpty());
  }

  @Test
  void caseNumberKeysRoundTripAndStayApartFromIds() throws FieldValueException {
    for (String cn : List.of("HZ250496", "JA100001", "A1", "A01", "ZZZZZZZZZZZZ", "0")) {
      long key = RecordKey.ofCaseNumber(cn);
      assertThat(RecordKey.isCaseNumber(key)).isTrue();
      assertThat(RecordKey.caseNumber(key)).isEqualTo(cn);
    }
    assertThat(RecordKey.ofCaseNumber("A1")).isNotEqualTo(RecordKey.ofCaseNumber("A01"));
    assertThat(RecordKey.ofCaseNumber("hz250496")).isEqualTo(RecordKey.ofCaseNumber("HZ250496"));
    assertThat(RecordKey.isCaseNumber(13_000_000L)).isFalse();
    assertThatThrownBy(() -> RecordKey.ofCaseNumber("HZ-250496")).isInstanceOf(FieldValueException.class)
        .hasMessageContaining("not only letters and digits");
    assertThatThrownBy(() -> RecordKey.ofCaseNumber("ABCDEFGHIJKLM")).isInstanceOf(FieldValueException.class)
        .hasMessageContaining("longer than the 12 characters");
    assertThatThrownBy(() -> FieldText.id(Long.toString(RecordKey.CASE_NUMBER_BASE)))
        .isInstanceOf(FieldValueException.class).hasMessageContaining("larger than any the city gives");
  }
}
