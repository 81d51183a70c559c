package io.crimestream.record;

import java.util.Locale;

/**
 * The number an incident is known by inside CrimeStream: its {@code id}, or, for an export whose
 * columns were selected without {@code id} (Socrata queries often leave it out), a number made
 * from its {@code case_number}.
 *
 * <p>Case numbers are letters and digits ({@code HZ250496}); read as a base-36 number (one more
 * symbol for "end", so that {@code A1} and {@code A01} differ) they fit in 12 characters below
 * 2<sup>63</sup>, and are placed above {@link #CASE_NUMBER_BASE}, far beyond any id the city has
 * given (under 10<sup>8</sup> today), so that the two kinds of key never meet. The mapping is
 * reversible: messages and the wire show the case number, never the made-up number.
 */
public final class RecordKey {

  /** Keys from case numbers start here; ids below it are the city's own. */
  public static final long CASE_NUMBER_BASE = 1_000_000_000_000L;
  /** Longest case number that can key an incident. */
  public static final int MAX_CASE_NUMBER_LENGTH = 12;

  private static final String SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final int RADIX = SYMBOLS.length() + 1;

  private RecordKey() {}

  /** Whether {@code key} was made from a case number. */
  public static boolean isCaseNumber(long key) {
    return key >= CASE_NUMBER_BASE;
  }

  /**
   * The key of an incident known by its case number.
   *
   * @throws FieldValueException when the case number is empty, too long or not letters and digits
   */
  public static long ofCaseNumber(String caseNumber) throws FieldValueException {
    if (caseNumber == null || caseNumber.isBlank()) {
      throw new FieldValueException(RejectReason.MISSING_FIELD, CrimeField.CASE_NUMBER,
          "case_number is empty, and this source has no id column to key the incident by");
    }
    String s = caseNumber.strip().toUpperCase(Locale.ROOT);
    if (s.length() > MAX_CASE_NUMBER_LENGTH) {
      throw new FieldValueException(RejectReason.TOO_LONG, CrimeField.CASE_NUMBER, "case_number '"
          + FieldText.excerpt(s) + "' is longer than the " + MAX_CASE_NUMBER_LENGTH
          + " characters that can key an incident");
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = SYMBOLS.indexOf(s.charAt(i));
      if (d < 0) {
        throw new FieldValueException(RejectReason.UNPARSEABLE_VALUE, CrimeField.CASE_NUMBER,
            "case_number '" + FieldText.excerpt(s) + "' is not only letters and digits");
      }
      v = v * RADIX + d + 1;
    }
    return CASE_NUMBER_BASE + v;
  }

  /** The case number a key was made from. */
  public static String caseNumber(long key) {
    if (!isCaseNumber(key)) {
      throw new IllegalArgumentException(key + " is an id, not a key made from a case number");
    }
    StringBuilder s = new StringBuilder();
    for (long v = key - CASE_NUMBER_BASE; v > 0; v /= RADIX) {
      s.append(SYMBOLS.charAt((int) (v % RADIX) - 1));
    }
    return s.reverse().toString();
  }

  /** How messages name the incident: {@code id 10508693} or {@code case_number HZ250496}. */
  public static String describe(long key) {
    return isCaseNumber(key) ? "case_number " + caseNumber(key) : "id " + key;
  }

  /** The Kafka key: the id, or the case number, as text. */
  public static String text(long key) {
    return isCaseNumber(key) ? caseNumber(key) : Long.toString(key);
  }
}
