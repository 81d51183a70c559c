package io.crimestream.options;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Strings to feed a grammar with: edge cases every grammar meets (empty, blanks, signs, case,
 * separators, very long), values the option accepts, their mutations (a character added,
 * dropped, changed, doubled, cased), and random strings over the characters its valid values
 * are made of. GENERATED, seeded: the same seed gives the same strings.
 */
public final class Samples {

  private static final List<String> EDGE = List.of("", " ", "\t", "0", "00", "-1", "+1", "1", ".",
      "..", "...", "a", "A", "_", "-", "1e3", "0x10", "NaN", "Infinity", "null", "true", "\u00e9",
      "1 ", " 1", "1,", ",1", "1.0", "0.", ".0", "1.", "9".repeat(12), "a".repeat(250),
      "a".repeat(249), "f1", "F1", "f1 ", "0.5", ".5", "0.0", "1.0", "0.999999", "0.0000001",
      "1s", "1 s", "1S", "0s", "0ms", "1ms", "01s", "1.5s", "1d", "1 hours", "2 minutes",
      "PT1S", "1m1s", "all", "ALL", "last:1", "last:0", "last:01", "last:-1", "last:", "last",
      "reservoir:1000000000", "last:999999999", "study", "improved", "earliest", "latest",
      "crimenes", "crímenes", "crimenes-dlq", "a.b_c-d");

  private Samples() {}

  /** {@code n} strings for {@code def}'s grammar, from {@code random}. */
  public static List<String> of(OptionDef<?> def, Random random, int n) {
    Set<String> out = new LinkedHashSet<>(EDGE);
    List<String> valid = new ArrayList<>();
    for (String s : EDGE) {
      if (def.accepts(s)) {
        valid.add(s);
      }
    }
    if (def.defaultText() != null) {
      valid.add(def.defaultText());
    }
    StringBuilder alphabet = new StringBuilder(" .,:-_+");
    for (String s : valid) {
      alphabet.append(s);
    }
    while (out.size() < n) {
      if (!valid.isEmpty() && random.nextBoolean()) {
        out.add(mutate(valid.get(random.nextInt(valid.size())), alphabet, random));
      } else {
        int len = random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len; i++) {
          s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        out.add(s.toString());
      }
    }
    return new ArrayList<>(out);
  }

  private static String mutate(String s, CharSequence alphabet, Random random) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + random.nextInt(2);
    for (int e = 0; e < edits; e++) {
      int at = b.length() == 0 ? 0 : random.nextInt(b.length());
      char c = alphabet.charAt(random.nextInt(alphabet.length()));
      switch (random.nextInt(5)) {
        case 0 -> b.insert(at, c);
        case 1 -> {
          if (b.length() > 0) {
            b.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (b.length() > 0) {
            b.setCharAt(at, c);
          }
        }
        case 3 -> b.append(b);
        default -> {
          if (b.length() > 0) {
            b.setCharAt(at, Character.isUpperCase(b.charAt(at))
                ? Character.toLowerCase(b.charAt(at)) : Character.toUpperCase(b.charAt(at)));
          }
        }
      }
    }
    return b.toString();
  }
}
