package io.crimestream.producer;

import io.crimestream.record.CrimeRecord;
import java.util.List;

/**
 * Hands rows to a {@link Publisher} in their order, at a {@link Pace}: batch {@code k} is
 * released at {@code start + k * batchRows / rowsPerSecond} seconds, measured from the start
 * and not from the previous batch, so that a slow batch does not shift every later one. In a
 * replay nothing waits but the client's own back-pressure.
 */
final class PacedSender {

  private final Pace pace;
  private final MonotonicClock clock;

  PacedSender(Pace pace, MonotonicClock clock) {
    this.pace = pace;
    this.clock = clock;
  }

  /**
   * Sends every row and returns once each has been acknowledged or has failed; outcomes go to
   * {@code tally}, progress lines to {@code progress}.
   */
  void send(List<CrimeRecord> rows, Publisher publisher, DeliveryTally tally, ProgressReport progress, long start)
      throws InterruptedException {
    int batchRows = pace.replay() ? rows.size() : pace.batchRows();
    int sent = 0;
    for (long batch = 0; sent < rows.size(); batch++) {
      if (!pace.replay()) {
        clock.sleepUntil(start + pace.releaseOffsetNanos(batch));
      }
      int end = (int) Math.min(rows.size(), (long) sent + batchRows);
      for (; sent < end; sent++) {
        tally.handedOver();
        publisher.send(rows.get(sent), tally);
        if (pace.replay()) {
          progress.handedOver(sent + 1, clock.nanoTime());
        }
      }
      if (!pace.replay()) {
        progress.handedOver(sent, clock.nanoTime());
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("stopped after " + sent + " rows");
      }
    }
    publisher.flush();
    tally.awaitSettled();
  }
}
