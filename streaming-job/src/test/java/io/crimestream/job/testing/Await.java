package io.crimestream.job.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes: no fixed sleeps in the fault tests. */
public final class Await {

  private static final long POLL_MILLIS = 200;

  private Await() {}

  /**
   * Returns the first non-null, non-false value of {@code probe}; fails after {@code timeout}
   * with {@code what} and the {@code diagnostics} of the moment.
   */
  public static <T> T until(String what, Duration timeout, Supplier<T> probe,
                            Supplier<String> diagnostics) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null && !Boolean.FALSE.equals(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
            + "\n" + diagnostics.get());
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
