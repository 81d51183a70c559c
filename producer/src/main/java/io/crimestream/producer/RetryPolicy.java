package io.crimestream.producer;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often a failed download is tried again, with a doubling wait in between: a public API
 * answers 503 now and then, and a connection may reset in the middle of a 50,000-row page.
 *
 * @param retries      tries after the first, 0 for none
 * @param firstBackoff wait before the first retry; each further wait is twice the previous
 */
public record RetryPolicy(int retries, Duration firstBackoff) {

  private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

  /** Three retries, after 2, 4 and 8 seconds. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(2));

  public RetryPolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
    }
    if (firstBackoff.isNegative()) {
      throw new IllegalArgumentException("the back-off must not be negative, got " + firstBackoff);
    }
  }

  /** One try of something that may fail for a while. */
  public interface Attempt<T> {
    T run() throws IOException, InterruptedException;
  }

  /** Which failures are worth another try; the others are thrown at once. */
  public interface Retriable {
    boolean test(IOException e);
  }

  /**
   * Runs {@code attempt} until it succeeds, fails in a way {@code retriable} refuses, or the
   * retries are used up; then throws the last failure.
   *
   * @param what names the attempt in the log, e.g. {@code GET https://...}
   */
  public <T> T call(MonotonicClock clock, String what, Retriable retriable, Attempt<T> attempt)
      throws IOException, InterruptedException {
    for (int tried = 1; ; tried++) {
      try {
        return attempt.run();
      } catch (IOException e) {
        if (tried > retries || !retriable.test(e)) {
          throw e;
        }
        long wait = firstBackoff.toNanos() << Math.min(tried - 1, 20);
        LOG.warn("{} failed ({}); try {} of {} in {}", what, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), tried + 1, retries + 1,
            ProgressReport.seconds(wait));
        clock.sleep(wait);
      }
    }
  }
}
