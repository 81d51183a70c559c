package io.crimestream.job.deadletter;

import java.util.List;

/** Where rejected records go, so that nobody has to dig them out of logs. */
public interface DeadLetterQueue extends AutoCloseable {

  /** Sends the batch's rejected records; failures are logged, never fatal to the stream. */
  void send(List<DeadLetter> letters);

  @Override
  default void close() {}

  /** No dead-letter topic: rejections are only counted. */
  DeadLetterQueue NONE = letters -> {};
}
