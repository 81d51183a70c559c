package io.crimestream.controller.testing;

import java.io.IOException;
import java.util.OptionalInt;

/** Runs a container for the stand-in kubelet: a child JVM, or a scripted outcome. */
public interface ContainerRunner {

  Running start(ContainerLaunch launch) throws IOException;

  /** A started container. */
  interface Running {
    /** Empty while it runs. */
    OptionalInt exitCode();

    /** What the kubelet reports as the terminated container's message. */
    String terminationMessage();

    void kill();
  }
}
