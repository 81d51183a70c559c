package io.crimestream.job.store;

import io.crimestream.job.features.EncodedRow;
import io.crimestream.options.TrainingWindow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Everything the models may learn from: each accepted row once (deduplicated by crime id over
 * the whole stream), within the {@link TrainingWindow training window}.
 *
 * <p>Rows are kept already encoded, so a batch never re-reads or re-encodes history, and the
 * store is a flat collection rather than a chain of DataFrame unions: building the training
 * DataFrame costs the same in batch 1,000 as in batch 10 for the same number of rows.
 */
public final class TrainingStore {

  private final TrainingWindow policy;
  private final LongHashSet seenIds = new LongHashSet();
  private final Deque<EncodedRow> recent = new ArrayDeque<>();
  private final List<EncodedRow> reservoir = new ArrayList<>();
  private final Random reservoirRandom = new Random(20_120_101L); // reproducible across restarts
  private long offered;
  /** The position the window starts at: 0, or the latest reset's change point. */
  private long windowStart;
  private long[] reservoirPositions;
  private final List<WindowReset> resets = new ArrayList<>();

  public TrainingStore(TrainingWindow policy) {
    this.policy = policy;
    this.reservoirPositions = policy.kind() == TrainingWindow.Kind.RESERVOIR ? new long[policy.size()] : null;
  }

  /** Whether a row with this id was accepted before. */
  public boolean contains(long id) {
    return seenIds.contains(id);
  }

  /** Adds a row; false (and nothing changes) if its id was seen before. */
  public boolean add(EncodedRow row) {
    if (!seenIds.add(row.id())) {
      return false;
    }
    long position = offered++;
    switch (policy.kind()) {
      case ALL -> recent.addLast(row);
      case LAST -> {
        recent.addLast(row);
        if (recent.size() > policy.size()) {
          recent.removeFirst();
        }
      }
      case RESERVOIR -> {
        if (reservoir.size() < policy.size()) {
          reservoirPositions[reservoir.size()] = position;
          reservoir.add(row);
        } else {
          // uniform over the rows since the window's start
          long j = (long) (reservoirRandom.nextDouble() * (offered - windowStart));
          if (j < policy.size()) {
            reservoir.set((int) j, row);
            reservoirPositions[(int) j] = position;
          }
        }
      }
      default -> throw new IllegalStateException(policy.kind().toString());
    }
    return true;
  }

  /** Rows added so far (each new one's position in the stream is this count before it). */
  public long added() {
    return offered;
  }

  /**
   * A restart of the training window: when {@code at} rows had been added, the rows before
   * position {@code from} were dropped.
   */
  public record WindowReset(long at, long from) {}

  /**
   * Forgets the training window's rows added before {@code position} (a drift's change point):
   * the models learn from the stream after the change only. Their ids stay known, so a re-sent
   * one is still a duplicate. The reset is remembered (see {@link #resets()}) so that a restart
   * replaying the same rows drops the same ones.
   *
   * @return how many rows were dropped
   */
  public int dropBefore(long position) {
    long from = Math.min(Math.max(position, windowStart), offered);
    resets.add(new WindowReset(offered, from));
    windowStart = from;
    int dropped = 0;
    if (policy.kind() == TrainingWindow.Kind.RESERVOIR) {
      int kept = 0;
      for (int i = 0; i < reservoir.size(); i++) {
        if (reservoirPositions[i] >= from) {
          reservoir.set(kept, reservoir.get(i));
          reservoirPositions[kept++] = reservoirPositions[i];
        }
      }
      dropped = reservoir.size() - kept;
      reservoir.subList(kept, reservoir.size()).clear();
      return dropped;
    }
    // the deque holds the positions up to offered, contiguous
    long keep = offered - from;
    while (recent.size() > keep) {
      recent.removeFirst();
      dropped++;
    }
    return dropped;
  }

  /** Every window reset so far, oldest first. */
  public List<WindowReset> resets() {
    return List.copyOf(resets);
  }

  /**
   * Adds {@code rows} in order, as {@link #add} does, and repeats each of {@code resets} when as
   * many rows have been added as when it happened: the store a restart rebuilds from the
   * checkpointed rows is the one the job had.
   */
  public void replay(Iterable<EncodedRow> rows, List<WindowReset> resets) {
    java.util.Iterator<WindowReset> pending = resets.iterator();
    WindowReset next = pending.hasNext() ? pending.next() : null;
    for (EncodedRow row : rows) {
      add(row);
      while (next != null && next.at() <= offered) {
        dropBefore(next.from());
        next = pending.hasNext() ? pending.next() : null;
      }
    }
    while (next != null) { // resets after the last row (none in practice): still honoured
      dropBefore(next.from());
      next = pending.hasNext() ? pending.next() : null;
    }
  }

  /** Unique rows accepted over the whole stream. */
  public long uniqueRows() {
    return seenIds.size();
  }

  /** The window's rows that models train on. */
  public List<EncodedRow> trainingRows() {
    return window(false);
  }

  /** The window's held-out rows, for evaluation. */
  public List<EncodedRow> heldOutRows() {
    return window(true);
  }

  public TrainingWindow policy() {
    return policy;
  }

  private List<EncodedRow> window(boolean heldOut) {
    Iterable<EncodedRow> rows = policy.kind() == TrainingWindow.Kind.RESERVOIR ? reservoir : recent;
    List<EncodedRow> out = new ArrayList<>();
    for (EncodedRow r : rows) {
      if (r.heldOut() == heldOut) {
        out.add(r);
      }
    }
    return out;
  }
}
