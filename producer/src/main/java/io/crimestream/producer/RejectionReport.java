package io.crimestream.producer;

import io.crimestream.record.Rejection;
import java.io.PrintStream;

/**
 * Prints the rows the reader rejected as {@code file:line: reason: detail}, the first ones in
 * full and the rest as a count: a broken export can have thousands, and one bad row never stops
 * the run.
 */
final class RejectionReport {

  static final int SHOWN_IN_FULL = 20;

  private final PrintStream out;
  private long count;

  RejectionReport(PrintStream out) {
    this.out = out;
  }

  void add(Rejection rejection) {
    if (++count <= SHOWN_IN_FULL) {
      out.println(rejection);
    }
  }

  /** Prints how many were not shown; call once, after the last row. */
  void finish() {
    if (count > SHOWN_IN_FULL) {
      out.println("... and " + (count - SHOWN_IN_FULL) + " more rejected rows (counted by reason below)");
    }
  }
}
