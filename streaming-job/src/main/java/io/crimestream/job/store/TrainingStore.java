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

  public TrainingStore(TrainingWindow policy) {
    this.policy = policy;
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
    offered++;
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
          reservoir.add(row);
        } else {
          long j = (long) (reservoirRandom.nextDouble() * offered);
          if (j < policy.size()) {
            reservoir.set((int) j, row);
          }
        }
      }
      default -> throw new IllegalStateException(policy.kind().toString());
    }
    return true;
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
