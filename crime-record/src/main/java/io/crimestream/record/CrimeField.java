package io.crimestream.record;

import java.util.Locale;
import java.util.Optional;

/**
 * The dataset's columns this project reads, each with its Socrata (API / wire) name.
 *
 * <p>The city's portal export names a column {@code "Primary Type"}, the Socrata API names it
 * {@code primary_type}; {@link #fromHeader(String)} accepts both spellings (any case, spaces or
 * underscores), which is what makes the reader header-driven rather than format-driven.
 */
public enum CrimeField {
  ID("id", true),
  CASE_NUMBER("case_number", false),
  DATE("date", true),
  BLOCK("block", false),
  IUCR("iucr", false),
  PRIMARY_TYPE("primary_type", false),
  DESCRIPTION("description", false),
  LOCATION_DESCRIPTION("location_description", false),
  ARREST("arrest", true),
  DOMESTIC("domestic", false),
  BEAT("beat", false),
  DISTRICT("district", false),
  WARD("ward", false),
  COMMUNITY_AREA("community_area", false),
  FBI_CODE("fbi_code", false),
  X_COORDINATE("x_coordinate", false),
  Y_COORDINATE("y_coordinate", false),
  LATITUDE("latitude", false),
  LONGITUDE("longitude", false);

  private final String wireName;
  private final boolean required;

  CrimeField(String wireName, boolean required) {
    this.wireName = wireName;
    this.required = required;
  }

  /** The Socrata field name, used as the JSON key on Kafka. */
  public String wireName() {
    return wireName;
  }

  /** Whether a row without this field is invalid (it is then rejected with a reason). */
  public boolean required() {
    return required;
  }

  /**
   * The field a CSV header names, if any: {@code "Community Area"}, {@code "community_area"} and
   * {@code "COMMUNITY AREA"} all name {@link #COMMUNITY_AREA}. Columns this project does not use
   * ({@code Year}, {@code Updated On}, {@code Location}, ...) give empty.
   */
  public static Optional<CrimeField> fromHeader(String header) {
    String key = normalizeHeader(header);
    for (CrimeField f : values()) {
      if (f.wireName.equals(key)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  static String normalizeHeader(String header) {
    return header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "_");
  }
}
