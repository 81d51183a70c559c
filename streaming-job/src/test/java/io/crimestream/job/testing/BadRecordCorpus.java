package io.crimestream.job.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * A real month with malformed records mixed in, generated from a seed: what a topic looks like
 * when a buggy or hostile producer writes to it. Every bad record is built from a real one with
 * one thing wrong, and carries the reason the job must count it under, written here by hand (not
 * asked of the decoder), so that a test compares the job against an independent expectation.
 *
 * <p>Categories: invalid JSON, not an object, empty values (no value, zero bytes, required
 * fields blank), invalid UTF-8, wrong JSON types, unparseable values, missing label / date / id,
 * out-of-range values, too long (a field, and the whole record), and re-sent ids (identical and
 * altered). A re-sent id always comes after the row it repeats, so the first one is the one
 * trained.
 */
public final class BadRecordCorpus {

  /** One record of the topic: its key and value, and the reason expected, null for a valid row. */
  public record Entry(byte[] key, byte[] value, String expectedReason, Long validId) {
    public boolean valid() {
      return expectedReason == null;
    }

    public byte[][] keyValue() {
      return new byte[][] {key, value};
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Entry> entries;

  private BadRecordCorpus(List<Entry> entries) {
    this.entries = entries;
  }

  /** The month's rows in order with {@code bad} malformed records mixed in at seeded places. */
  public static BadRecordCorpus interleave(List<CrimeRecord> month, int bad, long seed) {
    Random random = new Random(seed);
    // how many bad records follow each valid row
    int[] after = new int[month.size()];
    for (int i = 0; i < bad; i++) {
      after[random.nextInt(month.size())]++;
    }
    List<Generator> generators = generators();
    List<Entry> entries = new ArrayList<>(month.size() + bad);
    for (int i = 0; i < month.size(); i++) {
      CrimeRecord r = month.get(i);
      entries.add(new Entry(key(r), WireCodec.encode(r), null, r.id()));
      for (int k = 0; k < after[i]; k++) {
        Generator g = generators.get(random.nextInt(generators.size()));
        // a malformed copy of a row seen so far (a re-send must follow its original)
        CrimeRecord base = month.get(random.nextInt(i + 1));
        entries.add(g.make(random, base));
      }
    }
    return new BadRecordCorpus(List.copyOf(entries));
  }

  public List<Entry> entries() {
    return entries;
  }

  public List<Entry> bad() {
    return entries.stream().filter(e -> !e.valid()).toList();
  }

  /** How many bad records each reason should count. */
  public Map<String, Long> expectedRejections() {
    Map<String, Long> counts = new TreeMap<>();
    bad().forEach(e -> counts.merge(e.expectedReason(), 1L, Long::sum));
    return counts;
  }

  // ---- the generators --------------------------------------------------------------------------

  private record Generator(String name, BiFunction<Random, CrimeRecord, Entry> make) {
    Entry make(Random random, CrimeRecord base) {
      return make.apply(random, base);
    }
  }

  private static List<Generator> generators() {
    Map<String, BiFunction<Random, CrimeRecord, Entry>> g = new LinkedHashMap<>();
    // invalid JSON: a record cut short, and text that only looks like JSON
    g.put("truncated", (rnd, r) -> {
      byte[] whole = WireCodec.encode(r);
      int cut = 1 + rnd.nextInt(whole.length - 2);
      while (whole[cut] < 0) { // cut before an ASCII byte: the prefix stays valid UTF-8
        cut--;
      }
      return bad(r, Arrays.copyOf(whole, cut), "invalid_json");
    });
    g.put("garbage", (rnd, r) -> bad(null, pick(rnd, "not json", "id=1;arrest=true",
        "{'id': '1', 'arrest': true}", "{\"id\": \"1\",}", "{\"id\" \"1\"}", "<crime id=\"1\"/>",
        "{\"id\":\"1\",\"date\":\"2016-05-03T23:40:00\",\"arrest\":tru}"), "invalid_json"));
    // two values in one record, or one field twice: neither may be read as a single record
    g.put("twoValuesInOne", (rnd, r) -> {
      String record = new String(WireCodec.encode(r), StandardCharsets.UTF_8);
      return bad(r, record + pick(rnd, "xyz", record, " {}"), "invalid_json");
    });
    g.put("repeatedField", (rnd, r) -> bad(r, new String(WireCodec.encode(r), StandardCharsets.UTF_8)
        .replaceFirst("\\{", "{\"arrest\":" + !r.arrest() + ","), "invalid_json"));
    // valid JSON, but not a record
    g.put("notAnObject", (rnd, r) -> bad(r, pick(rnd, "[1,2,3]", "42", "\"a string\"", "null",
        "true", "[" + new String(WireCodec.encode(r), StandardCharsets.UTF_8) + "]"),
        "not_an_object"));
    // empty values: no value at all (a tombstone), zero bytes, required fields left blank
    g.put("tombstone", (rnd, r) -> new Entry(key(r), null, "empty_record", null));
    g.put("zeroBytes", (rnd, r) -> new Entry(key(r), new byte[0], "empty_record", null));
    g.put("emptyObject", (rnd, r) -> bad(r, "{}", "missing_field:id"));
    g.put("blankLabel", (rnd, r) -> edit(r, o -> o.put("arrest", pick(rnd, "", "  ")),
        "missing_field:arrest"));
    g.put("blankDate", (rnd, r) -> edit(r, o -> o.put("date", ""), "missing_field:date"));
    // missing label, date or id
    g.put("noLabel", (rnd, r) -> edit(r, o -> o.remove("arrest"), "missing_field:arrest"));
    g.put("nullLabel", (rnd, r) -> edit(r, o -> o.putNull("arrest"), "missing_field:arrest"));
    g.put("noDate", (rnd, r) -> edit(r, o -> o.remove("date"), "missing_field:date"));
    // without an id a record is keyed by its case number; with neither it cannot be keyed
    g.put("noId", (rnd, r) -> edit(r, o -> {
      o.remove("id");
      o.remove("case_number");
    }, "missing_field:id"));
    // invalid UTF-8 inside a string
    g.put("invalidUtf8", (rnd, r) -> {
      byte[] json = WireCodec.encode(r);
      byte[] poison = pick(rnd, new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
          new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
      int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("\"date\":\"") + 8;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(json, 0, at);
      out.write(poison, 0, poison.length);
      out.write(json, at, json.length - at);
      return bad(r, out.toByteArray(), "invalid_utf8");
    });
    // wrong JSON types
    g.put("labelAsNumber", (rnd, r) -> edit(r, o -> o.put("arrest", 5), "wrong_type:arrest"));
    g.put("wardAsBoolean", (rnd, r) -> edit(r, o -> o.put("ward", true), "wrong_type:ward"));
    g.put("dateAsNumber", (rnd, r) -> edit(r, o -> o.put("date", 20160503), "wrong_type:date"));
    g.put("blockAsObject", (rnd, r) -> edit(r, o -> o.putObject("block").put("street", "STATE"),
        "wrong_type:block"));
    g.put("idAsArray", (rnd, r) -> edit(r, o -> o.putArray("id").add(r.id()), "wrong_type:id"));
    // present but unreadable
    g.put("wardAsWord", (rnd, r) -> edit(r, o -> o.put("ward", "twenty"),
        "unparseable_value:ward"));
    g.put("dateAsWord", (rnd, r) -> edit(r, o -> o.put("date", pick(rnd, "yesterday", "2016-13-45",
        "05/03/16")), "unparseable_value:date"));
    g.put("labelAsWord", (rnd, r) -> edit(r, o -> o.put("arrest", "maybe"),
        "unparseable_value:arrest"));
    // out of range
    g.put("ward", (rnd, r) -> edit(r, o -> o.put("ward", pick(rnd, 0, 51, 999, -3)),
        "out_of_range:ward"));
    g.put("communityArea", (rnd, r) -> edit(r, o -> o.put("community_area", 78),
        "out_of_range:community_area"));
    g.put("latitude", (rnd, r) -> edit(r, o -> o.put("latitude", 0.0), "out_of_range:latitude"));
    g.put("dateLongAgo", (rnd, r) -> edit(r, o -> o.put("date", pick(rnd, "1999-05-03T23:40:00",
        "2099-01-01T00:00:00")), "out_of_range:date"));
    g.put("negativeId", (rnd, r) -> edit(r, o -> o.put("id", "-" + r.id()), "out_of_range:id"));
    // very long strings: one field, and a record beyond the size limit
    g.put("longBlock", (rnd, r) -> edit(r, o -> o.put("block", "X".repeat(300 + rnd.nextInt(5000))),
        "too_long:block"));
    g.put("hugeRecord", (rnd, r) -> edit(r, o -> o.put("notes", "N".repeat(
        WireCodec.MAX_RECORD_BYTES + rnd.nextInt(100_000))), "too_long"));
    // re-sent ids, identical or altered (the first one is trained, the others counted)
    g.put("resent", (rnd, r) -> new Entry(key(r), WireCodec.encode(r), "duplicate_id", null));
    g.put("resentAltered", (rnd, r) -> new Entry(key(r), WireCodec.encode(r.toBuilder()
        .arrest(!r.arrest()).build()), "duplicate_id", null));

    List<Generator> out = new ArrayList<>();
    g.forEach((name, make) -> out.add(new Generator(name, make)));
    return out;
  }

  private static Entry bad(CrimeRecord base, String value, String reason) {
    return bad(base, value.getBytes(StandardCharsets.UTF_8), reason);
  }

  private static Entry bad(CrimeRecord base, byte[] value, String reason) {
    return new Entry(base == null ? null : key(base), value, reason, null);
  }

  private static Entry edit(CrimeRecord base, java.util.function.Consumer<ObjectNode> change,
                            String reason) {
    try {
      ObjectNode o = (ObjectNode) JSON.readTree(WireCodec.encode(base));
      change.accept(o);
      return bad(base, JSON.writeValueAsBytes(o), reason);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] key(CrimeRecord r) {
    return WireCodec.key(r).getBytes(StandardCharsets.UTF_8);
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
