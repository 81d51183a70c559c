package io.crimestream.job.store;

import java.io.IOException;

/**
 * The job's checkpoint cannot be used as it is: written by a newer release, or a file in it is
 * truncated or corrupted. The message names the file and says what to do; the job stops rather
 * than start over and lose the rows it trained on.
 */
public final class CheckpointFormatException extends IOException {

  public CheckpointFormatException(String message) {
    super(message);
  }

  public CheckpointFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
