package io.crimestream.producer;

import io.crimestream.record.CrimeRecord;

/** Where rows go: Kafka in {@link KafkaPublisher}, a recording fake in tests. */
interface Publisher extends AutoCloseable {

  /**
   * Hands {@code record} over for sending and returns at once (or when the client's buffer is
   * full); the outcome goes to {@code listener}, exactly once, even when sending fails at once.
   */
  void send(CrimeRecord record, DeliveryListener listener);

  /** Blocks until every record handed over so far is acknowledged or has failed. */
  void flush() throws InterruptedException;

  @Override
  void close();
}
