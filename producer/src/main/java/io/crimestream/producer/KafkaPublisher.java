package io.crimestream.producer;

import io.crimestream.record.CrimeRecord;
import io.crimestream.record.WireCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records to a Kafka topic: key = the crime id, value = {@link WireCodec} JSON.
 *
 * <p>Delivery is {@code acks=all} and idempotent, and the client retries until
 * {@code delivery.timeout.ms} (5 minutes by default) has passed: a broker that restarts in the
 * middle of a stream costs a pause, not rows, duplicates or a change of order. Sends are
 * asynchronous; outcomes arrive in callbacks, so a replay is limited by the broker, not by
 * round trips.
 */
final class KafkaPublisher implements Publisher {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
  /** Replay batches: large and compressed, for throughput; a paced batch of 120 rows is ~60 KB anyway. */
  static final int REPLAY_BATCH_BYTES = 512 * 1024;
  static final Duration MAX_METADATA_WAIT = Duration.ofSeconds(60);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final boolean history;

  private KafkaPublisher(KafkaProducer<String, byte[]> producer, String topic, boolean history) {
    this.producer = producer;
    this.topic = topic;
    this.history = history;
  }

  /**
   * Connects and checks that the topic exists, so that a missing topic or an unreachable broker
   * is one clear error, not a timeout for each of thousands of rows.
   */
  static KafkaPublisher open(io.crimestream.producer.ProducerConfig config) throws BrokerUnavailableException {
    String where = "Kafka at " + config.kafka().bootstrapServers();
    KafkaProducer<String, byte[]> producer;
    try {
      producer = new KafkaProducer<>(clientProperties(config), new StringSerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      throw new BrokerUnavailableException("the Kafka client for " + where + " could not start: "
          + DeliveryTally.describe(e.getCause() != null ? e.getCause() : e), e);
    }
    try {
      int partitions = producer.partitionsFor(config.topic()).size();
      LOG.info("topic {} has {} partition(s) on {}", config.topic(), partitions, config.kafka());
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      if (e instanceof InterruptException) {
        Thread.currentThread().interrupt();
      }
      throw new BrokerUnavailableException("topic " + config.topic() + " is not available on " + where
          + " (" + DeliveryTally.describe(e) + "): either no broker answered within "
          + ProgressReport.seconds(metadataWait(config).toNanos()) + " or the topic does not exist;"
          + " this producer does not create topics", e);
    }
    return new KafkaPublisher(producer, config.topic(), config.history());
  }

  /** The client's settings: the connection's (with credentials: never log them) and delivery tuning. */
  static Map<String, Object> clientProperties(io.crimestream.producer.ProducerConfig config) {
    Map<String, Object> p = new HashMap<>(config.kafka().clientProperties());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "crimestream-producer");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // idempotence keeps the order with up to 5 requests in flight, retries included
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    int linger = config.effectiveLingerMs();
    long delivery = config.deliveryTimeout().toMillis();
    p.put(ProducerConfig.LINGER_MS_CONFIG, linger);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
    // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, delivery - linger));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) metadataWait(config).toMillis());
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    if (config.pace().replay()) {
      p.put(ProducerConfig.BATCH_SIZE_CONFIG, REPLAY_BATCH_BYTES);
    }
    return p;
  }

  /** How long to wait for the topic's metadata: a minute, or less when deliveries may take less. */
  private static Duration metadataWait(io.crimestream.producer.ProducerConfig config) {
    return config.deliveryTimeout().compareTo(MAX_METADATA_WAIT) < 0 ? config.deliveryTimeout() : MAX_METADATA_WAIT;
  }

  @Override
  public void send(CrimeRecord record, DeliveryListener listener) {
    try {
      ProducerRecord<String, byte[]> message = new ProducerRecord<>(topic, WireCodec.key(record),
          WireCodec.encode(record));
      if (history) {
        message.headers().add(WireCodec.HISTORY_HEADER, WireCodec.HISTORY_HEADER_VALUE);
      }
      producer.send(message, (metadata, error) -> {
        if (error == null) {
          listener.acknowledged(record);
        } else {
          listener.failed(record, error);
        }
      });
    } catch (KafkaException e) {
      // thrown rather than passed to the callback: e.g. the buffer stayed full for max.block.ms
      listener.failed(record, e);
    }
  }

  @Override
  public void flush() throws InterruptedException {
    try {
      producer.flush();
    } catch (InterruptException e) {
      throw new InterruptedException("interrupted while waiting for acknowledgements");
    }
  }

  @Override
  public void close() {
    producer.close(CLOSE_WAIT);
  }
}
