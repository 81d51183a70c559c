package io.crimestream.producer;

import java.io.IOException;

/**
 * The source of crimes cannot be read at all: the file is missing, its header is not a crimes
 * export, the server answers with an error, or there is no network. The message says which
 * source, what went wrong and what was expected; it is meant for the user as it is.
 */
public final class SourceUnreadableException extends IOException {
  private static final long serialVersionUID = 1L;

  public SourceUnreadableException(String message) {
    super(message);
  }

  public SourceUnreadableException(String message, Throwable cause) {
    super(message, cause);
  }
}
