package io.crimestream.producer;

import io.crimestream.record.CrimeRecord;
import java.io.PrintStream;

/**
 * Counts rows handed over, acknowledged and failed, so that the end of a run can say exactly how
 * many rows reached the topic. The first failures are printed as they happen (an hour-long paced
 * run should not keep them for the end); the rest are counted.
 */
final class DeliveryTally implements DeliveryListener {

  static final int FAILURES_SHOWN = 5;

  private final PrintStream out;
  private long handedOver;
  private long acknowledged;
  private long failed;
  private String firstError;

  DeliveryTally(PrintStream out) {
    this.out = out;
  }

  synchronized void handedOver() {
    handedOver++;
  }

  @Override
  public synchronized void acknowledged(CrimeRecord record) {
    acknowledged++;
    notifyAll();
  }

  @Override
  public void failed(CrimeRecord record, Exception cause) {
    long n;
    synchronized (this) {
      n = ++failed;
      if (firstError == null) {
        firstError = describe(cause);
      }
      notifyAll();
    }
    if (n <= FAILURES_SHOWN) {
      out.println("could not deliver id " + record.id() + " of " + record.date() + ": " + describe(cause)
          + (n == FAILURES_SHOWN ? " (further failures are only counted)" : ""));
    }
  }

  /** Waits until every row handed over has an outcome. */
  synchronized void awaitSettled() throws InterruptedException {
    while (acknowledged + failed < handedOver) {
      wait();
    }
  }

  synchronized long acknowledged() {
    return acknowledged;
  }

  synchronized long failed() {
    return failed;
  }

  /** The first failure in words, or {@code null}. */
  synchronized String firstError() {
    return firstError;
  }

  static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
