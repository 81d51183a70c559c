package io.crimestream.record;

/**
 * Why a row or a Kafka record was not accepted. The {@link #code()} is what metrics count by, so
 * it is stable, lower snake case, and never carries the offending value (which could be anything,
 * including very long or non-printable text).
 */
public enum RejectReason {
  // CSV structure
  WRONG_FIELD_COUNT("wrong_field_count"),
  UNTERMINATED_QUOTE("unterminated_quote"),
  // wire structure
  INVALID_UTF8("invalid_utf8"),
  INVALID_JSON("invalid_json"),
  NOT_AN_OBJECT("not_an_object"),
  EMPTY_RECORD("empty_record"),
  // values
  MISSING_FIELD("missing_field"),
  WRONG_TYPE("wrong_type"),
  UNPARSEABLE_VALUE("unparseable_value"),
  OUT_OF_RANGE("out_of_range"),
  TOO_LONG("too_long"),
  // stream level
  DUPLICATE_ID("duplicate_id"),
  OUTSIDE_REQUESTED_MONTHS("outside_requested_months");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The key metrics count by: the reason, and the field when the reason is about one. */
  public String key(CrimeField field) {
    return field == null ? code : code + ":" + field.wireName();
  }
}
