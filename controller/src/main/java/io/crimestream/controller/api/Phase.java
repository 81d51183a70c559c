package io.crimestream.controller.api;

/** Where a CrimeStream is in its life, for {@code kubectl get cs}; conditions carry the detail. */
public enum Phase {
  /** The spec cannot be run as written; the Ready condition says why. */
  Invalid,
  /** Waiting for the KafkaTopic (or for Strimzi to be installed). */
  Pending,
  /** Producer Jobs are sending months; the driver trains as rows arrive. */
  Producing,
  /** Every month was sent; the driver keeps the model current. */
  Streaming,
  /** A month's producer Job failed after its retries; later months wait. */
  Failed
}
