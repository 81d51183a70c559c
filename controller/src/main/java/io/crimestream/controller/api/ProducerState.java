package io.crimestream.controller.api;

/** A month's producer Job, as Kubernetes reports it. */
public enum ProducerState {
  /** No Job yet: an earlier month is still being sent, or the topic is not ready. */
  Pending,
  Running,
  Succeeded,
  /** The Job's retries are spent; the months after it wait. */
  Failed;

  /** Whether the Job will not change any more. */
  public boolean isFinished() {
    return this == Succeeded || this == Failed;
  }
}
