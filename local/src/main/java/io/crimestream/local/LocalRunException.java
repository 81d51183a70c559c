package io.crimestream.local;

/** The local run cannot go on; carries the exit status and a message for the user. */
public final class LocalRunException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int exitStatus;

  public LocalRunException(int exitStatus, String message) {
    super(message, null, false, false);
    this.exitStatus = exitStatus;
  }

  public int exitStatus() {
    return exitStatus;
  }
}
