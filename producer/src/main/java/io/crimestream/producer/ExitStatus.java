package io.crimestream.producer;

/**
 * The command's exit status. A Kubernetes Job can tell from it whether a retry may help: only
 * {@link #UNDELIVERED} can (the broker may be back); a usage error or an unreadable source will
 * fail the same way again.
 */
public enum ExitStatus {
  /** Every valid row of the requested months was acknowledged by the broker. */
  DELIVERED(0),
  /** Some rows could not be delivered; the summary says how many. */
  UNDELIVERED(1),
  /** A usage or configuration error; the message names the option or variable. */
  USAGE(2),
  /** The source cannot be read: missing file, unknown header, HTTP error, no network. */
  SOURCE_UNREADABLE(3);

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
