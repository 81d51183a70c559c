package io.crimestream.controller.status;

/** One part of computing a CrimeStream's status; {@link StatusSteps} runs them in order. */
public interface StatusStep {

  void apply(StatusInput in);
}
