package io.crimestream.controller.state;

import io.crimestream.controller.api.DriverStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * When a failed driver pod is replaced: after an exponential backoff, counted in the
 * CrimeStream's {@code status.driver} (restarts, the last failed pod's uid and when it failed).
 * The driver pod dependent replaces a pod when {@link #due} says so; the status says how long
 * until then ({@link #remaining}), and asks to be reconciled again at that time.
 */
public final class DriverRestarts {

  public static final Duration FIRST_DELAY = Duration.ofSeconds(10);
  public static final Duration MAX_DELAY = Duration.ofMinutes(5);

  private DriverRestarts() {}

  /** The delay before the {@code restarts}-th replacement: 10 s, doubling, at most 5 min. */
  public static Duration delay(int restarts) {
    int doublings = Math.max(0, Math.min(restarts - 1, 10));
    Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  /**
   * Whether the failed pod may be replaced now: only once the status has counted its failure
   * (so that every failure lengthens the delay), and its delay has passed.
   */
  public static boolean due(DriverStatus driver, DriverPodState failed, Instant now) {
    return failed.failed() && driver != null && driver.getLastFailureTime() != null
        && failed.uid() != null && failed.uid().equals(driver.getLastFailedPodUid())
        && remaining(driver, now).isZero();
  }

  /** How long until the last counted failure's replacement is due; zero once it is. */
  public static Duration remaining(DriverStatus driver, Instant now) {
    int restarts = driver.getRestarts() == null ? 1 : driver.getRestarts();
    Duration left = Duration.between(now, Instant.parse(driver.getLastFailureTime())
        .plus(delay(restarts)));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
