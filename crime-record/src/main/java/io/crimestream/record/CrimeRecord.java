package io.crimestream.record;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One incident of the city's "Crimes - 2001 to present" dataset, typed and validated.
 *
 * <p>{@code id}, {@code date} and {@code arrest} are always present: without them a row cannot be
 * placed in the stream or learned from. Every other field may be {@code null} (the city leaves
 * coordinates, ward or community area empty on a sizeable share of rows); the feature pipeline
 * treats {@code null} as "missing", never as zero.
 *
 * <p>{@code date} is the city's local (Chicago) wall-clock time, as the city publishes it: the
 * dataset carries no zone, and hour-of-day features are meant in local time.
 */
public record CrimeRecord(
    long id,
    String caseNumber,
    LocalDateTime date,
    String block,
    String iucr,
    String primaryType,
    String description,
    String locationDescription,
    boolean arrest,
    Boolean domestic,
    String beat,
    Integer district,
    Integer ward,
    Integer communityArea,
    String fbiCode,
    Double xCoordinate,
    Double yCoordinate,
    Double latitude,
    Double longitude) {

  public CrimeRecord {
    Objects.requireNonNull(date, "date");
  }

  /** The year and month the incident happened in, the unit the producer streams. */
  public java.time.YearMonth month() {
    return java.time.YearMonth.from(date);
  }

  /** A builder, for tests and readers that fill fields one by one. */
  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .id(id).caseNumber(caseNumber).date(date).block(block).iucr(iucr)
        .primaryType(primaryType).description(description).locationDescription(locationDescription)
        .arrest(arrest).domestic(domestic).beat(beat).district(district).ward(ward)
        .communityArea(communityArea).fbiCode(fbiCode).xCoordinate(xCoordinate)
        .yCoordinate(yCoordinate).latitude(latitude).longitude(longitude);
  }

  /** Mutable builder; {@link #build()} checks only what the record constructor checks. */
  public static final class Builder {
    private long id;
    private String caseNumber;
    private LocalDateTime date;
    private String block;
    private String iucr;
    private String primaryType;
    private String description;
    private String locationDescription;
    private boolean arrest;
    private Boolean domestic;
    private String beat;
    private Integer district;
    private Integer ward;
    private Integer communityArea;
    private String fbiCode;
    private Double xCoordinate;
    private Double yCoordinate;
    private Double latitude;
    private Double longitude;

    public Builder id(long v) { id = v; return this; }
    public Builder caseNumber(String v) { caseNumber = v; return this; }
    public Builder date(LocalDateTime v) { date = v; return this; }
    public Builder block(String v) { block = v; return this; }
    public Builder iucr(String v) { iucr = v; return this; }
    public Builder primaryType(String v) { primaryType = v; return this; }
    public Builder description(String v) { description = v; return this; }
    public Builder locationDescription(String v) { locationDescription = v; return this; }
    public Builder arrest(boolean v) { arrest = v; return this; }
    public Builder domestic(Boolean v) { domestic = v; return this; }
    public Builder beat(String v) { beat = v; return this; }
    public Builder district(Integer v) { district = v; return this; }
    public Builder ward(Integer v) { ward = v; return this; }
    public Builder communityArea(Integer v) { communityArea = v; return this; }
    public Builder fbiCode(String v) { fbiCode = v; return this; }
    public Builder xCoordinate(Double v) { xCoordinate = v; return this; }
    public Builder yCoordinate(Double v) { yCoordinate = v; return this; }
    public Builder latitude(Double v) { latitude = v; return this; }
    public Builder longitude(Double v) { longitude = v; return this; }

    public CrimeRecord build() {
      return new CrimeRecord(id, caseNumber, date, block, iucr, primaryType, description,
          locationDescription, arrest, domestic, beat, district, ward, communityArea, fbiCode,
          xCoordinate, yCoordinate, latitude, longitude);
    }
  }
}
