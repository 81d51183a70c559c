package io.crimestream.job.store;

/**
 * A set of longs in one array (open addressing, linear probing): the ids of every row ever
 * accepted, so a million ids cost 16 MB instead of the ~60 MB of a {@code HashSet<Long>}.
 */
final class LongHashSet {

  private static final long EMPTY = 0L; // crime ids are positive

  private long[] slots = new long[1 << 12];
  private int size;

  /** Adds {@code id} (positive); false if it was already there. */
  boolean add(long id) {
    if (id <= 0) {
      throw new IllegalArgumentException("ids are positive: " + id);
    }
    if ((size + 1) * 2L > slots.length) {
      grow();
    }
    if (insert(slots, id)) {
      size++;
      return true;
    }
    return false;
  }

  boolean contains(long id) {
    int mask = slots.length - 1;
    for (int i = spread(id) & mask; ; i = (i + 1) & mask) {
      if (slots[i] == EMPTY) {
        return false;
      }
      if (slots[i] == id) {
        return true;
      }
    }
  }

  int size() {
    return size;
  }

  private static boolean insert(long[] table, long id) {
    int mask = table.length - 1;
    for (int i = spread(id) & mask; ; i = (i + 1) & mask) {
      if (table[i] == EMPTY) {
        table[i] = id;
        return true;
      }
      if (table[i] == id) {
        return false;
      }
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    for (long v : old) {
      if (v != EMPTY) {
        insert(slots, v);
      }
    }
  }

  private static int spread(long id) {
    long h = id * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
