package io.crimestream.controller.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes: asynchronous results, never sleeps. */
public final class Await {

  private Await() {}

  /**
   * Waits until {@code check} returns a non-null value and returns it.
   *
   * @param what what is awaited, for the failure message
   * @param state describes the current state when the deadline passes
   */
  public static <T> T until(String what, Duration timeout, Supplier<T> check,
                            Supplier<String> state) {
    Instant deadline = Instant.now().plus(timeout);
    Throwable last = null;
    while (true) {
      try {
        T value = check.get();
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (RuntimeException | AssertionError e) {
        last = e;
      }
      if (Instant.now().isAfter(deadline)) {
        AssertionError error = new AssertionError("timed out after " + timeout + " waiting for "
            + what + "; state: " + state.get());
        if (last != null) {
          error.addSuppressed(last);
        }
        throw error;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
