package io.crimestream.producer;

import java.util.concurrent.TimeUnit;

/**
 * The time source of pacing, retry back-off and elapsed-time reports. Injected so that tests
 * check a two-hour schedule in milliseconds: a fake clock "sleeps" by moving its hands.
 */
public interface MonotonicClock {

  /** Nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Returns once {@link #nanoTime()} has reached {@code deadline}; at once if it already has. */
  void sleepUntil(long deadline) throws InterruptedException;

  /** Sleeps {@code nanos} from now. */
  default void sleep(long nanos) throws InterruptedException {
    sleepUntil(nanoTime() + nanos);
  }

  /** The real clock. */
  MonotonicClock SYSTEM = new MonotonicClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepUntil(long deadline) throws InterruptedException {
      // a loop, because a sleep may end early; comparing by difference survives nanoTime overflow
      for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }

    @Override
    public String toString() {
      return "system clock";
    }
  };
}
