package io.crimestream.record;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * Reads one field's text as the city's exports write it, in every form met in practice:
 * {@code 05/03/2016 11:40:00 PM} (portal), {@code 2/3/2018 0:26} (portal after a spreadsheet),
 * {@code 2017-12-28T00:00:00.000} (Socrata); {@code True}, {@code true}, {@code TRUE};
 * {@code 10.0} for the integer 10 (the Kaggle file wrote District, Ward and Community Area as
 * floats); {@code 486} for the IUCR code {@code 0486} (a spreadsheet dropped the zero).
 *
 * <p>Empty text is "missing" and reads as {@code null}; text that is present but cannot be read
 * raises a {@link FieldValueException} naming the field.
 */
public final class FieldText {

  /** Chicago's zone, for the rare export whose timestamps carry an offset. */
  public static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  /** Longest text accepted for any field: real values are under 100 characters. */
  public static final int MAX_TEXT_LENGTH = 256;

  private static final List<DateTimeFormatter> LOCAL_DATE_FORMATS = List.of(
      // portal export and Kaggle: 05/03/2016 11:40:00 PM (also without seconds)
      new DateTimeFormatterBuilder().parseCaseInsensitive()
          .appendPattern("M/d/yyyy h:mm[:ss] a").toFormatter(Locale.US),
      // spreadsheet round trip: 2/3/2018 0:26 or 2/3/2018 13:05:00
      new DateTimeFormatterBuilder().appendPattern("M/d/yyyy H:mm[:ss]").toFormatter(Locale.US),
      // Socrata floating timestamp: 2017-12-28T00:00:00.000 (also with a space, or date only)
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart().appendLiteral('T').optionalEnd()
          .optionalStart().appendLiteral(' ').optionalEnd()
          .optionalStart().appendPattern("HH:mm")
          .optionalStart().appendPattern(":ss").optionalEnd()
          .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
          .optionalEnd()
          .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
          .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
          .toFormatter(Locale.US));

  private FieldText() {}

  /** Strips surrounding blanks; empty text becomes {@code null}. */
  public static String text(CrimeField field, String raw) throws FieldValueException {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    if (s.isEmpty()) {
      return null;
    }
    if (s.length() > MAX_TEXT_LENGTH) {
      throw new FieldValueException(RejectReason.TOO_LONG, field,
          field.wireName() + " is " + s.length() + " characters long, more than " + MAX_TEXT_LENGTH);
    }
    return s;
  }

  public static Long id(String raw) throws FieldValueException {
    Long v = wholeNumber(CrimeField.ID, raw);
    if (v != null && v <= 0) {
      throw new FieldValueException(RejectReason.OUT_OF_RANGE, CrimeField.ID,
          "id " + v + " is not a positive number");
    }
    if (v != null && v >= RecordKey.CASE_NUMBER_BASE) {
      throw new FieldValueException(RejectReason.OUT_OF_RANGE, CrimeField.ID,
          "id " + v + " is larger than any the city gives (below " + RecordKey.CASE_NUMBER_BASE + ")");
    }
    return v;
  }

  public static LocalDateTime date(String raw) throws FieldValueException {
    String s = text(CrimeField.DATE, raw);
    if (s == null) {
      return null;
    }
    for (DateTimeFormatter f : LOCAL_DATE_FORMATS) {
      try {
        return LocalDateTime.parse(s, f);
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
    }
    try {
      // an ISO timestamp with an offset: the dataset's dates are Chicago wall-clock time
      return OffsetDateTime.parse(s).atZoneSameInstant(CHICAGO).toLocalDateTime();
    } catch (DateTimeParseException ignored) {
      // fall through
    }
    throw new FieldValueException(RejectReason.UNPARSEABLE_VALUE, CrimeField.DATE,
        "date '" + excerpt(s) + "' is in none of the forms MM/dd/yyyy hh:mm:ss a, M/d/yyyy H:mm,"
            + " yyyy-MM-ddTHH:mm:ss[.SSS]");
  }

  public static Boolean bool(CrimeField field, String raw) throws FieldValueException {
    String s = text(field, raw);
    if (s == null) {
      return null;
    }
    switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "1":
        return Boolean.TRUE;
      case "false", "f", "no", "n", "0":
        return Boolean.FALSE;
      default:
        throw new FieldValueException(RejectReason.UNPARSEABLE_VALUE, field,
            field.wireName() + " '" + excerpt(s) + "' is not true or false");
    }
  }

  /** An integer, also when written as a float with nothing after the point ({@code 10.0}). */
  public static Integer integer(CrimeField field, String raw) throws FieldValueException {
    Long v = wholeNumber(field, raw);
    if (v == null) {
      return null;
    }
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new FieldValueException(RejectReason.OUT_OF_RANGE, field,
          field.wireName() + " " + v + " does not fit an integer");
    }
    return v.intValue();
  }

  public static Double decimal(CrimeField field, String raw) throws FieldValueException {
    return decimal(field, raw, false);
  }

  /**
   * A number; with {@code decimalComma} also {@code 41,864} for 41.864, as spreadsheets write it
   * in locales whose lists are separated by semicolons.
   */
  public static Double decimal(CrimeField field, String raw, boolean decimalComma)
      throws FieldValueException {
    String s = text(field, raw);
    if (decimalComma && s != null && s.indexOf(',') > 0 && s.indexOf(',') == s.lastIndexOf(',')
        && s.indexOf('.') < 0) {
      s = s.replace(',', '.');
    }
    if (s == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(s);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new FieldValueException(RejectReason.UNPARSEABLE_VALUE, field,
          field.wireName() + " '" + excerpt(s) + "' is not a number");
    }
  }

  /** IUCR codes are four characters; spreadsheets turn {@code 0486} into {@code 486}. */
  public static String iucr(String raw) throws FieldValueException {
    return leftPad(text(CrimeField.IUCR, raw), 4);
  }

  /** Beats are four digits in the portal export ({@code 0924}) and lose the zero elsewhere. */
  public static String beat(String raw) throws FieldValueException {
    String s = text(CrimeField.BEAT, raw);
    if (s != null && s.endsWith(".0")) {
      s = s.substring(0, s.length() - 2);
    }
    return s != null && s.chars().allMatch(Character::isDigit) ? leftPad(s, 4) : s;
  }

  /** FBI codes are two digits and an optional letter ({@code 06}, {@code 08B}). */
  public static String fbiCode(String raw) throws FieldValueException {
    String s = text(CrimeField.FBI_CODE, raw);
    return s != null && s.chars().allMatch(Character::isDigit) ? leftPad(s, 2) : upper(s);
  }

  private static String leftPad(String s, int width) {
    if (s == null) {
      return null;
    }
    s = upper(s);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  private static String upper(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }

  private static Long wholeNumber(CrimeField field, String raw) throws FieldValueException {
    String s = text(field, raw);
    if (s == null) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException notPlain) {
      try {
        double d = Double.parseDouble(s);
        if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
          return (long) d;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new FieldValueException(RejectReason.UNPARSEABLE_VALUE, field,
          field.wireName() + " '" + excerpt(s) + "' is not a whole number");
    }
  }

  /** At most 40 characters of a bad value, so that messages stay one readable line. */
  static String excerpt(String s) {
    return PrintableText.excerpt(s, 40);
  }
}
