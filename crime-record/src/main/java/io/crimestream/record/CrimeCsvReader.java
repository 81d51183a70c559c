package io.crimestream.record;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads the city's crime exports (portal CSV, the Kaggle 2012-2017 file, Socrata/SODA CSV, with
 * or without a spreadsheet round trip) into {@link CrimeRecord}s, driven by the header.
 *
 * <p>Rows are streamed to a {@link Listener}, so a file of any size reads in constant memory.
 * A row that cannot be a record (no parseable date or arrest flag, a cut-off line, a stray quote)
 * is reported with its line and reason and the reading goes on. An optional value that is present
 * but implausible (a coordinate of 0 from a failed geocode) is treated as missing, and reported as
 * such, so that the rest of the row is kept.
 */
public final class CrimeCsvReader {

  /** Receives each outcome as the file is read. */
  public interface Listener {
    void accepted(CrimeRecord record, long line);

    void rejected(Rejection rejection);

    /** An optional field was set to missing because its value broke a {@link RecordRules rule}. */
    default void fieldCleared(Rejection note) {}
  }

  private CrimeCsvReader() {}

  /** Reads a file; {@code .gz} files are decompressed. */
  public static ReadSummary read(Path file, Listener listener) throws IOException {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new CrimeDataFormatException(file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new CrimeDataFormatException(file + ": not readable (permission denied)", e);
    } catch (IOException e) {
      throw new CrimeDataFormatException(file + ": cannot be read: " + e.getMessage(), e);
    }
    try (InputStream s = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in) {
      return read(s, file.toString(), listener);
    }
  }

  /**
   * Reads CSV text from {@code in} (UTF-8 or UTF-16, with or without a byte-order mark; comma,
   * semicolon or tab separated); {@code source} names it in messages. Does not close it.
   */
  public static ReadSummary read(InputStream in, String source, Listener listener) throws IOException {
    BufferedInputStream buffered = TextEncoding.buffered(in);
    TextEncoding encoding = TextEncoding.detect(buffered);
    // Undecodable bytes (a file saved as Windows-1252) become U+FFFD rather than failing the file.
    var decoder = encoding.charset().newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    CsvRows rows = new CsvRows(new BufferedReader(new InputStreamReader(buffered, decoder), 1 << 16));
    char separator = rows.detectSeparator();
    CsvRows.Row header = rows.next();
    if (header == null) {
      throw new CrimeDataFormatException(source + ": empty, expected a CSV header line"
          + " (ID, Case Number, Date, ...) followed by rows");
    }
    if (header.unterminatedQuote()) {
      throw new CrimeDataFormatException(source + ": the header line has an unclosed quote");
    }
    HeaderLayout layout = HeaderLayout.of(header.fields(), source);
    boolean decimalComma = separator != ',';

    long count = 0;
    long accepted = 0;
    Map<String, Long> rejected = new TreeMap<>();
    Map<String, Long> cleared = new TreeMap<>();
    for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
      count++;
      Rejection rejection = null;
      if (row.unterminatedQuote()) {
        rejection = new Rejection(source, row.line(), RejectReason.UNTERMINATED_QUOTE, null,
            "a quoted field is never closed: the line is cut off or has a stray quote");
      } else if (row.fields().size() != layout.width()) {
        rejection = new Rejection(source, row.line(), RejectReason.WRONG_FIELD_COUNT, null,
            "expected " + layout.width() + " fields as in the header, found " + row.fields().size()
                + ": the line is cut off or has an unquoted comma");
      } else {
        try {
          List<FieldValueException> problems = new ArrayList<>(0);
          CrimeRecord record = toRecord(layout, row.fields(), problems, decimalComma);
          List<RecordRules.Violation> violations = RecordRules.violations(record);
          for (RecordRules.Violation v : violations) {
            if (v.field().required()) {
              throw v.toException();
            }
            problems.add(v.toException());
          }
          record = RecordRules.withoutImplausibleOptionalFields(record, violations);
          for (FieldValueException problem : problems) {
            Rejection note = new Rejection(source, row.line(), problem.reason(), problem.field(),
                problem.getMessage() + "; treated as missing");
            cleared.merge(note.key(), 1L, Long::sum);
            listener.fieldCleared(note);
          }
          accepted++;
          listener.accepted(record, row.line());
        } catch (FieldValueException e) {
          rejection = e.toRejection(source, row.line());
        }
      }
      if (rejection != null) {
        rejected.merge(rejection.key(), 1L, Long::sum);
        listener.rejected(rejection);
      }
    }
    return new ReadSummary(source, count, accepted, rejected, cleared,
        new ReadSummary.Format(encoding.name(), separator, layout.keyedByCaseNumber()));
  }

  private interface FieldRead<T> {
    T read() throws FieldValueException;
  }

  /** Reads an optional field; a value that cannot be read is noted and treated as missing. */
  private static <T> T optional(FieldRead<T> read, List<FieldValueException> problems) {
    try {
      return read.read();
    } catch (FieldValueException e) {
      problems.add(e);
      return null;
    }
  }

  private static CrimeRecord toRecord(HeaderLayout layout, List<String> row,
                                      List<FieldValueException> problems, boolean decimalComma)
      throws FieldValueException {
    Long id = layout.keyedByCaseNumber()
        ? Long.valueOf(RecordKey.ofCaseNumber(layout.get(row, CrimeField.CASE_NUMBER)))
        : FieldText.id(layout.get(row, CrimeField.ID));
    var date = FieldText.date(layout.get(row, CrimeField.DATE));
    Boolean arrest = FieldText.bool(CrimeField.ARREST, layout.get(row, CrimeField.ARREST));
    if (id == null) {
      throw missing(CrimeField.ID);
    }
    if (date == null) {
      throw missing(CrimeField.DATE);
    }
    if (arrest == null) {
      throw missing(CrimeField.ARREST);
    }
    List<FieldValueException> p = problems;
    return CrimeRecord.builder()
        .id(id)
        .date(date)
        .arrest(arrest)
        .caseNumber(optional(() -> FieldText.text(CrimeField.CASE_NUMBER, layout.get(row, CrimeField.CASE_NUMBER)), p))
        .block(optional(() -> FieldText.text(CrimeField.BLOCK, layout.get(row, CrimeField.BLOCK)), p))
        .iucr(optional(() -> FieldText.iucr(layout.get(row, CrimeField.IUCR)), p))
        .primaryType(optional(() -> FieldText.text(CrimeField.PRIMARY_TYPE, layout.get(row, CrimeField.PRIMARY_TYPE)), p))
        .description(optional(() -> FieldText.text(CrimeField.DESCRIPTION, layout.get(row, CrimeField.DESCRIPTION)), p))
        .locationDescription(optional(() -> FieldText.text(CrimeField.LOCATION_DESCRIPTION,
            layout.get(row, CrimeField.LOCATION_DESCRIPTION)), p))
        .domestic(optional(() -> FieldText.bool(CrimeField.DOMESTIC, layout.get(row, CrimeField.DOMESTIC)), p))
        .beat(optional(() -> FieldText.beat(layout.get(row, CrimeField.BEAT)), p))
        .district(optional(() -> FieldText.integer(CrimeField.DISTRICT, layout.get(row, CrimeField.DISTRICT)), p))
        .ward(optional(() -> FieldText.integer(CrimeField.WARD, layout.get(row, CrimeField.WARD)), p))
        .communityArea(optional(() -> FieldText.integer(CrimeField.COMMUNITY_AREA,
            layout.get(row, CrimeField.COMMUNITY_AREA)), p))
        .fbiCode(optional(() -> FieldText.fbiCode(layout.get(row, CrimeField.FBI_CODE)), p))
        .xCoordinate(optional(() -> FieldText.decimal(CrimeField.X_COORDINATE, layout.get(row, CrimeField.X_COORDINATE), decimalComma), p))
        .yCoordinate(optional(() -> FieldText.decimal(CrimeField.Y_COORDINATE, layout.get(row, CrimeField.Y_COORDINATE), decimalComma), p))
        .latitude(optional(() -> FieldText.decimal(CrimeField.LATITUDE, layout.get(row, CrimeField.LATITUDE), decimalComma), p))
        .longitude(optional(() -> FieldText.decimal(CrimeField.LONGITUDE, layout.get(row, CrimeField.LONGITUDE), decimalComma), p))
        .build();
  }

  private static FieldValueException missing(CrimeField field) {
    return new FieldValueException(RejectReason.MISSING_FIELD, field, field.wireName() + " is empty");
  }
}
