package io.crimestream.record;

import java.io.IOException;

/** A whole source cannot be read as crime data: unreadable, or a header this project does not know. */
public final class CrimeDataFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public CrimeDataFormatException(String message) {
    super(message);
  }

  public CrimeDataFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
