package io.crimestream.job.features;

import java.util.HashMap;
import java.util.Map;

/**
 * Stable indexes for the values of one categorical field, assigned in order of first sight.
 *
 * <p>Index 0 means "missing". An index, once given, never changes, so a row's feature vector
 * never has to be recomputed as the stream brings new values; that is why this is not Spark's
 * {@code StringIndexer}, which re-ranks by frequency on every fit. Past {@code capacity} values,
 * every new value shares the last index ("other"), which bounds the width of one-hot blocks.
 */
public final class Vocabulary {

  static final int MISSING = 0;

  private final String name;
  private final int capacity;
  private final Map<String, Integer> indexes = new HashMap<>();
  private boolean overflowed;

  Vocabulary(String name, int capacity) {
    if (capacity < 3) {
      throw new IllegalArgumentException("a vocabulary needs room for missing, one value and other");
    }
    this.name = name;
    this.capacity = capacity;
  }

  /** The value's index, learning it if new. */
  int indexOf(String value) {
    if (value == null) {
      return MISSING;
    }
    Integer known = indexes.get(value);
    if (known != null) {
      return known;
    }
    int next = indexes.size() + 1;
    if (next >= capacity - 1) {
      overflowed = true;
      return capacity - 1; // other
    }
    indexes.put(value, next);
    return next;
  }

  /** One more than the highest index given so far (missing counts; "other" once reached). */
  int size() {
    return overflowed ? capacity : indexes.size() + 1;
  }

  int capacity() {
    return capacity;
  }

  String name() {
    return name;
  }

  /** The values in index order (index 1 first), for a saved model: scoring must index as training did. */
  public record State(String name, int capacity, java.util.List<String> values, boolean overflowed) {}

  State state() {
    String[] ordered = new String[indexes.size()];
    indexes.forEach((value, index) -> ordered[index - 1] = value);
    return new State(name, capacity, java.util.List.of(ordered), overflowed);
  }

  static Vocabulary restore(State s) {
    Vocabulary v = new Vocabulary(s.name(), s.capacity());
    for (String value : s.values()) {
      v.indexOf(value);
    }
    v.overflowed = s.overflowed();
    return v;
  }
}
