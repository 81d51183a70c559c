package io.crimestream.controller.settings;

import java.util.List;

/**
 * A spec that cannot be run; {@link #problems()} says why, one line per field. The reconciler
 * reports it in the Ready condition and starts nothing.
 */
public final class InvalidSpecException extends Exception {

  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InvalidSpecException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
