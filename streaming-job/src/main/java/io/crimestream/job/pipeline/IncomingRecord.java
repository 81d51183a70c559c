package io.crimestream.job.pipeline;

/**
 * One Kafka record of a micro-batch, as Spark's Kafka source delivers it.
 *
 * @param history whether the producer marked it as history ({@code crimestream.history}): learned
 *                from, never scored
 */
public record IncomingRecord(String topic, int partition, long offset, byte[] key, byte[] value,
                             boolean history) {

  /** A record of the stream itself, not history. */
  public IncomingRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
    this(topic, partition, offset, key, value, false);
  }

  /** {@code topic-partition@offset}, where messages say a record came from. */
  public String source() {
    return topic + "-" + partition + "@" + offset;
  }
}
