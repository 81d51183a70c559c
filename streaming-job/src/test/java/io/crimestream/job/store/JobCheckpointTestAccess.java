package io.crimestream.job.store;

import java.nio.file.Path;

/** The checkpoint fixtures, for tests outside this package. */
public final class JobCheckpointTestAccess {

  private JobCheckpointTestAccess() {}

  /** A copy of the format-0 fixture under {@code into}; returns the job's checkpoint folder in it. */
  public static Path format0Fixture(Path into) throws Exception {
    return JobCheckpointTest.format0Fixture(into);
  }
}
