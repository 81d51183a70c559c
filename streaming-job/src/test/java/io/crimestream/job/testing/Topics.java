package io.crimestream.job.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writing and reading single-partition topics of the embedded broker, byte for byte. */
public final class Topics {

  /** One record as written, with the offset the broker gave it. */
  public record Sent(long offset, byte[] key, byte[] value) {}

  private Topics() {}

  /** Writes {@code records} (key, value; either may be null) in order; returns their offsets. */
  public static List<Sent> write(String bootstrap, String topic, List<byte[][]> records)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
        "bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", "true",
        "max.request.size", 1 << 20), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[][] kv : records) {
        acks.add(p.send(new ProducerRecord<>(topic, 0, kv[0], kv[1])));
      }
      p.flush();
    }
    List<Sent> sent = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      sent.add(new Sent(acks.get(i).get(30, TimeUnit.SECONDS).offset(), records.get(i)[0],
          records.get(i)[1]));
    }
    return sent;
  }

  /** The offset after the last record of partition 0. */
  public static long endOffset(String bootstrap, String topic) {
    TopicPartition tp = new TopicPartition(topic, 0);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap,
        "default.api.timeout.ms", 30_000))) {
      return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp)
          .get(30, TimeUnit.SECONDS).offset();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the end offset of " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every record of partition 0, read until {@code expected} arrived or 60 s passed, then one
   * more poll, so that a record beyond the expected count shows up as one too many.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic,
                                                             int expected) {
    return read(bootstrap, topic, expected, "read_uncommitted");
  }

  /** The same, as a downstream reader of a transactional topic reads: committed records only. */
  public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic,
                                                                   int expected) {
    return read(bootstrap, topic, expected, "read_committed");
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, int expected,
                                                          String isolation) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", bootstrap, "max.partition.fetch.bytes", 1 << 20, "isolation.level", isolation),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    return records;
  }

  /** A header's value as text, or null when the record has no such header. */
  public static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
