package io.crimestream.producer;

/** Kafka could not be used at all: no broker answered, the topic is missing, or access was refused. */
final class BrokerUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
