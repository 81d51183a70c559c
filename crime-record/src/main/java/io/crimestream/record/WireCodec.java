package io.crimestream.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The Kafka wire format: one UTF-8 JSON object per record, with the city's Socrata field names,
 * keyed by the crime id.
 *
 * <pre>{"id":"10508693","case_number":"HZ250496","date":"2016-05-03T23:40:00","block":"013XX S SAWYER AVE",
 *  "iucr":"0486","primary_type":"BATTERY","description":"DOMESTIC BATTERY SIMPLE",
 *  "location_description":"APARTMENT","arrest":true,"domestic":true,"beat":"1022","district":10,
 *  "ward":24,"community_area":29,"fbi_code":"08B","x_coordinate":1154907.0,"y_coordinate":1893681.0,
 *  "latitude":41.864073157,"longitude":-87.706818608}</pre>
 *
 * <p>{@code id} is a string of digits, as in the Socrata API (a record from an export without
 * ids carries its {@code case_number} instead, which then keys it: see {@link RecordKey}); {@code date} is the local
 * (Chicago) ISO-8601 timestamp without zone, as Socrata's floating timestamps are; missing values
 * are left out. The decoder is strict about structure and types (anything else is rejected with a
 * reason, never an exception), and lenient where the city's own API is: numbers may arrive as
 * strings ({@code "ward":"24"}), booleans as {@code "true"}.
 */
public final class WireCodec {

  /**
   * A Kafka header marking a record as history: the job learns from it (a warm start from the
   * months before the stream) but does not score it or publish a prediction for it.
   */
  public static final String HISTORY_HEADER = "crimestream.history";
  public static final byte[] HISTORY_HEADER_VALUE = "true".getBytes(StandardCharsets.UTF_8);

  /** Largest record accepted: a real one is about 500 bytes. */
  public static final int MAX_RECORD_BYTES = 16 * 1024;

  private static final DateTimeFormatter WIRE_DATE = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
      // {"arrest":false,"arrest":true} is not one record: refuse it rather than keep the last
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  // {...}{...} or {...}xyz is not one record either: the second would vanish uncounted
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private WireCodec() {}

  /** The outcome of decoding one Kafka value: a record, or why there is none. */
  public sealed interface Decoded permits Accepted, Rejected {}

  public record Accepted(CrimeRecord record) implements Decoded {}

  public record Rejected(Rejection rejection) implements Decoded {}

  /**
   * The Kafka key: the crime id (or the case number of an incident known only by it), so that a
   * record and its re-sends share a key.
   */
  public static String key(CrimeRecord r) {
    return RecordKey.text(r.id());
  }

  public static byte[] encode(CrimeRecord r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      if (RecordKey.isCaseNumber(r.id())) {
        // known by its case number only: the wire never carries a made-up id
        g.writeStringField(CrimeField.CASE_NUMBER.wireName(), RecordKey.caseNumber(r.id()));
      } else {
        g.writeStringField(CrimeField.ID.wireName(), Long.toString(r.id()));
        text(g, CrimeField.CASE_NUMBER, r.caseNumber());
      }
      g.writeStringField(CrimeField.DATE.wireName(), WIRE_DATE.format(r.date()));
      text(g, CrimeField.BLOCK, r.block());
      text(g, CrimeField.IUCR, r.iucr());
      text(g, CrimeField.PRIMARY_TYPE, r.primaryType());
      text(g, CrimeField.DESCRIPTION, r.description());
      text(g, CrimeField.LOCATION_DESCRIPTION, r.locationDescription());
      g.writeBooleanField(CrimeField.ARREST.wireName(), r.arrest());
      if (r.domestic() != null) {
        g.writeBooleanField(CrimeField.DOMESTIC.wireName(), r.domestic());
      }
      text(g, CrimeField.BEAT, r.beat());
      integer(g, CrimeField.DISTRICT, r.district());
      integer(g, CrimeField.WARD, r.ward());
      integer(g, CrimeField.COMMUNITY_AREA, r.communityArea());
      text(g, CrimeField.FBI_CODE, r.fbiCode());
      decimal(g, CrimeField.X_COORDINATE, r.xCoordinate());
      decimal(g, CrimeField.Y_COORDINATE, r.yCoordinate());
      decimal(g, CrimeField.LATITUDE, r.latitude());
      decimal(g, CrimeField.LONGITUDE, r.longitude());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes one Kafka value. Never throws for bad input: every problem is a {@link Rejected}
   * whose reason metrics count by.
   *
   * @param source where the value came from, e.g. {@code crimenes-0@1234}, for messages
   */
  public static Decoded decode(byte[] value, String source) {
    try {
      return new Accepted(decodeOrThrow(value));
    } catch (FieldValueException e) {
      return new Rejected(e.toRejection(source, 0));
    }
  }

  private static CrimeRecord decodeOrThrow(byte[] value) throws FieldValueException {
    if (value == null || isBlank(value)) {
      throw new FieldValueException(RejectReason.EMPTY_RECORD, null, "the record has no value");
    }
    if (value.length > MAX_RECORD_BYTES) {
      throw new FieldValueException(RejectReason.TOO_LONG, null,
          "the record is " + value.length + " bytes, more than " + MAX_RECORD_BYTES);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value)).toString();
    } catch (CharacterCodingException e) {
      throw new FieldValueException(RejectReason.INVALID_UTF8, null, "the record is not valid UTF-8");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new FieldValueException(RejectReason.INVALID_JSON, null,
          "not JSON: " + FieldText.excerpt(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new FieldValueException(RejectReason.NOT_AN_OBJECT, null,
          "expected a JSON object, found " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    Long id = FieldText.id(scalar(root, CrimeField.ID, JsonNodeType.STRING, JsonNodeType.NUMBER));
    String caseNumber = FieldText.text(CrimeField.CASE_NUMBER, string(root, CrimeField.CASE_NUMBER));
    if (id == null && caseNumber != null) {
      id = RecordKey.ofCaseNumber(caseNumber); // an incident known only by its case number
    }
    LocalDateTime date = FieldText.date(scalar(root, CrimeField.DATE, JsonNodeType.STRING));
    Boolean arrest = FieldText.bool(CrimeField.ARREST, scalar(root, CrimeField.ARREST, JsonNodeType.BOOLEAN, JsonNodeType.STRING));
    requirePresent(CrimeField.ID, id);
    requirePresent(CrimeField.DATE, date);
    requirePresent(CrimeField.ARREST, arrest);
    CrimeRecord record = CrimeRecord.builder()
        .id(id)
        .date(date)
        .arrest(arrest)
        .caseNumber(caseNumber)
        .block(FieldText.text(CrimeField.BLOCK, string(root, CrimeField.BLOCK)))
        .iucr(FieldText.iucr(code(root, CrimeField.IUCR)))
        .primaryType(FieldText.text(CrimeField.PRIMARY_TYPE, string(root, CrimeField.PRIMARY_TYPE)))
        .description(FieldText.text(CrimeField.DESCRIPTION, string(root, CrimeField.DESCRIPTION)))
        .locationDescription(FieldText.text(CrimeField.LOCATION_DESCRIPTION, string(root, CrimeField.LOCATION_DESCRIPTION)))
        .domestic(FieldText.bool(CrimeField.DOMESTIC, scalar(root, CrimeField.DOMESTIC, JsonNodeType.BOOLEAN, JsonNodeType.STRING)))
        .beat(FieldText.beat(code(root, CrimeField.BEAT)))
        .district(FieldText.integer(CrimeField.DISTRICT, number(root, CrimeField.DISTRICT)))
        .ward(FieldText.integer(CrimeField.WARD, number(root, CrimeField.WARD)))
        .communityArea(FieldText.integer(CrimeField.COMMUNITY_AREA, number(root, CrimeField.COMMUNITY_AREA)))
        .fbiCode(FieldText.fbiCode(code(root, CrimeField.FBI_CODE)))
        .xCoordinate(FieldText.decimal(CrimeField.X_COORDINATE, number(root, CrimeField.X_COORDINATE)))
        .yCoordinate(FieldText.decimal(CrimeField.Y_COORDINATE, number(root, CrimeField.Y_COORDINATE)))
        .latitude(FieldText.decimal(CrimeField.LATITUDE, number(root, CrimeField.LATITUDE)))
        .longitude(FieldText.decimal(CrimeField.LONGITUDE, number(root, CrimeField.LONGITUDE)))
        .build();
    List<RecordRules.Violation> violations = RecordRules.violations(record);
    if (!violations.isEmpty()) {
      throw violations.get(0).toException();
    }
    return record;
  }

  private static boolean isBlank(byte[] value) {
    for (byte b : value) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static void requirePresent(CrimeField f, Object value) throws FieldValueException {
    if (value == null) {
      throw new FieldValueException(RejectReason.MISSING_FIELD, f, f.wireName() + " is missing"
          + (f == CrimeField.ID ? " (and there is no case_number to key the record by)" : ""));
    }
  }

  private static String string(JsonNode root, CrimeField f) throws FieldValueException {
    return scalar(root, f, JsonNodeType.STRING);
  }

  /** Codes (beat, IUCR, FBI code) are text, but a producer may have sent {@code 925} as a number. */
  private static String code(JsonNode root, CrimeField f) throws FieldValueException {
    return scalar(root, f, JsonNodeType.STRING, JsonNodeType.NUMBER);
  }

  private static String number(JsonNode root, CrimeField f) throws FieldValueException {
    return scalar(root, f, JsonNodeType.NUMBER, JsonNodeType.STRING);
  }

  /** The field's value as text when its JSON type is one of {@code allowed}; null when absent. */
  private static String scalar(JsonNode root, CrimeField f, JsonNodeType... allowed) throws FieldValueException {
    JsonNode v = root.get(f.wireName());
    if (v == null || v.isNull()) {
      return null;
    }
    for (JsonNodeType t : allowed) {
      if (v.getNodeType() == t) {
        return v.asText();
      }
    }
    throw new FieldValueException(RejectReason.WRONG_TYPE, f,
        f.wireName() + " is a JSON " + v.getNodeType().name().toLowerCase(Locale.ROOT) + ", expected "
            + allowed[0].name().toLowerCase(Locale.ROOT));
  }

  private static void text(JsonGenerator g, CrimeField f, String v) throws IOException {
    if (v != null) {
      g.writeStringField(f.wireName(), v);
    }
  }

  private static void integer(JsonGenerator g, CrimeField f, Integer v) throws IOException {
    if (v != null) {
      g.writeNumberField(f.wireName(), v);
    }
  }

  private static void decimal(JsonGenerator g, CrimeField f, Double v) throws IOException {
    if (v != null) {
      g.writeNumberField(f.wireName(), v);
    }
  }
}
