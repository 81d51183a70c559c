package io.crimestream.job.registry;

import java.io.IOException;

/**
 * The model registry cannot be used as it is: written by a newer release, or a file in it is
 * truncated or corrupted. The message names the file and says what to do.
 */
public final class RegistryFormatException extends IOException {

  public RegistryFormatException(String message) {
    super(message);
  }

  public RegistryFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
