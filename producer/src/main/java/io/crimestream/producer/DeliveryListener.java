package io.crimestream.producer;

import io.crimestream.record.CrimeRecord;

/** Learns the outcome of each record handed to a {@link Publisher}; called from the client's thread. */
interface DeliveryListener {

  void acknowledged(CrimeRecord record);

  /** The record was not delivered; {@code cause} says why (after the client's own retries). */
  void failed(CrimeRecord record, Exception cause);
}
