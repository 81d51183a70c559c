package io.crimestream.job.pipeline;

/** One Kafka record of a micro-batch, as Spark's Kafka source delivers it. */
public record IncomingRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

  /** {@code topic-partition@offset}, where messages say a record came from. */
  public String source() {
    return topic + "-" + partition + "@" + offset;
  }
}
