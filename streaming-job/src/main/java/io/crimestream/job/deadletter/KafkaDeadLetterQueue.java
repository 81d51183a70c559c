package io.crimestream.job.deadletter;

import io.crimestream.kafka.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter topic ({@code <topic>-dlq}): each rejected record's original key and bytes,
 * with headers {@code crimestream.reason} (the metrics key), {@code crimestream.detail} and
 * {@code crimestream.source} ({@code topic-partition@offset}). A batch waits for the broker to
 * acknowledge its letters, so they are durable before the batch commits; if the topic cannot be
 * written, the letters are logged as lost and the stream goes on (the counts in the metrics
 * remain).
 */
public final class KafkaDeadLetterQueue implements DeadLetterQueue {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetterQueue.class);

  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;

  public KafkaDeadLetterQueue(KafkaConnection connection, String topic) {
    this.topic = topic;
    Map<String, Object> props = new HashMap<>(connection.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(60).toMillis());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "crimestream-dead-letters");
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void send(List<DeadLetter> letters) {
    if (letters.isEmpty()) {
      return;
    }
    List<Future<?>> acks = new ArrayList<>(letters.size());
    try {
      for (DeadLetter l : letters) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, l.key(), l.value());
        r.headers().add("crimestream.reason", bytes(l.rejection().key()));
        r.headers().add("crimestream.detail", bytes(l.rejection().detail()));
        r.headers().add("crimestream.source", bytes(l.rejection().source()));
        acks.add(producer.send(r));
      }
      for (Future<?> ack : acks) {
        ack.get(90, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while sending {} records to dead-letter topic {}", letters.size(), topic);
    } catch (Exception e) {
      LOG.warn("could not send {} rejected records to dead-letter topic {} ({}); they are counted in"
          + " the metrics but not kept", letters.size(), topic, e.getMessage());
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }

  private static byte[] bytes(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }
}
