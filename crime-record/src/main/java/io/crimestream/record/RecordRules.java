package io.crimestream.record;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The plausibility rules every accepted record meets, in one place for the CSV reader and the
 * wire decoder.
 *
 * <p>The bounds are wide on purpose: they catch impossible values (a ward of 999, a coordinate of
 * 0 from a failed geocode, a date in 1900), not unusual ones. The city's dataset starts in 2001.
 */
public final class RecordRules {

  public static final int FIRST_YEAR = 2001;

  private RecordRules() {}

  /** A broken rule: which field, and why. */
  public record Violation(CrimeField field, String detail) {
    public FieldValueException toException() {
      return new FieldValueException(RejectReason.OUT_OF_RANGE, field, detail);
    }
  }

  /** Every rule {@code r} breaks; empty when the record is plausible. */
  public static List<Violation> violations(CrimeRecord r) {
    List<Violation> out = new ArrayList<>(0);
    if (r.id() <= 0) {
      out.add(new Violation(CrimeField.ID, "id " + r.id() + " is not a positive number"));
    }
    LocalDateTime latest = LocalDateTime.now(FieldText.CHICAGO).plusDays(1);
    if (r.date().getYear() < FIRST_YEAR || r.date().isAfter(latest)) {
      out.add(new Violation(CrimeField.DATE,
          "date " + r.date() + " is outside " + FIRST_YEAR + " to today"));
    }
    range(out, CrimeField.DISTRICT, r.district(), 1, 31);
    range(out, CrimeField.WARD, r.ward(), 1, 50);
    range(out, CrimeField.COMMUNITY_AREA, r.communityArea(), 1, 77);
    // Illinois State Plane East (feet) and WGS84 around Chicago, with a wide margin
    range(out, CrimeField.X_COORDINATE, r.xCoordinate(), 1_000_000, 1_300_000);
    range(out, CrimeField.Y_COORDINATE, r.yCoordinate(), 1_750_000, 2_000_000);
    range(out, CrimeField.LATITUDE, r.latitude(), 41.0, 43.0);
    range(out, CrimeField.LONGITUDE, r.longitude(), -89.0, -87.0);
    return out;
  }

  /**
   * The record with every optional field that breaks a rule set to missing, for sources where a
   * row is worth keeping without that field (a CSV export with a failed geocode). Required fields
   * are left alone: the caller rejects the row for those.
   */
  public static CrimeRecord withoutImplausibleOptionalFields(CrimeRecord r, List<Violation> violations) {
    if (violations.isEmpty()) {
      return r;
    }
    CrimeRecord.Builder b = r.toBuilder();
    for (Violation v : violations) {
      switch (v.field()) {
        case DISTRICT -> b.district(null);
        case WARD -> b.ward(null);
        case COMMUNITY_AREA -> b.communityArea(null);
        case X_COORDINATE -> b.xCoordinate(null);
        case Y_COORDINATE -> b.yCoordinate(null);
        case LATITUDE -> b.latitude(null);
        case LONGITUDE -> b.longitude(null);
        default -> { /* required: the caller rejects the row */ }
      }
    }
    return b.build();
  }

  private static void range(List<Violation> out, CrimeField f, Number v, double min, double max) {
    if (v != null && (v.doubleValue() < min || v.doubleValue() > max)) {
      out.add(new Violation(f, f.wireName() + " " + v + " is outside " + fmt(min) + " to " + fmt(max)));
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
