package io.crimestream.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A clock whose sleeps return at once, moving its hands to the deadline; it remembers each sleep. */
final class FakeClock implements MonotonicClock {

  static final long START = TimeUnit.HOURS.toNanos(1);

  private long now = START;
  /** Every deadline asked for, in order. */
  final List<Long> sleeps = new ArrayList<>();

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void sleepUntil(long deadline) {
    sleeps.add(deadline);
    now = Math.max(now, deadline);
  }

  synchronized void advance(long nanos) {
    now += nanos;
  }

  /** The sleeps as seconds after {@link #START}. */
  synchronized List<Double> sleepsInSeconds() {
    return sleeps.stream().map(t -> (t - START) / 1e9).toList();
  }
}
