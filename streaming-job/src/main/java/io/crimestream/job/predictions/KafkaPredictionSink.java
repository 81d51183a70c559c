package io.crimestream.job.predictions;

import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.metrics.MetricsJson;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The predictions topic ({@code <topic>-predictions}), written exactly once per incident with
 * Kafka transactions, as Kafka's consume-transform-produce pattern does: each batch's
 * predictions and the input offsets they cover are committed in one transaction (the offsets
 * under the consumer group {@value #GROUP_PREFIX}{@code <topic>}, which nothing consumes). A
 * driver killed before the commit leaves an aborted transaction that read-committed consumers
 * never see, and the batch runs again; one killed after it finds, when it starts, the offsets
 * already covered and publishes no prediction for them twice. The transactional id is stable per
 * input topic, so a restarted driver fences the one it replaces.
 */
public final class KafkaPredictionSink implements PredictionSink {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaPredictionSink.class);
  static final String GROUP_PREFIX = "crimestream-predictions-";
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaConnection connection;
  private final String inputTopic;
  private final String topic;
  private final String group;
  private KafkaProducer<String, byte[]> producer;
  /** Per input partition, the first offset not yet covered by a committed prediction. */
  private Map<Integer, Long> committed;

  public KafkaPredictionSink(KafkaConnection connection, String inputTopic, String topic) {
    this.connection = connection;
    this.inputTopic = inputTopic;
    this.topic = topic;
    this.group = GROUP_PREFIX + inputTopic;
  }

  @Override
  public synchronized void publish(long batch, List<SourcedPrediction> predictions) throws IOException {
    if (predictions.isEmpty()) {
      return;
    }
    open();
    Map<TopicPartition, OffsetAndMetadata> covers = new HashMap<>();
    int sent = 0;
    try {
      producer.beginTransaction();
      for (SourcedPrediction p : predictions) {
        IncomingRecord in = p.source();
        if (in.offset() < committed.getOrDefault(in.partition(), 0L)) {
          continue; // published by the run before a restart, in a committed transaction
        }
        producer.send(new ProducerRecord<>(topic, p.prediction().id(), MetricsJson.predictionBytes(p.prediction())));
        sent++;
        covers.merge(new TopicPartition(inputTopic, in.partition()),
            new OffsetAndMetadata(in.offset() + 1, "batch " + batch),
            (a, b) -> a.offset() >= b.offset() ? a : b);
      }
      if (!covers.isEmpty()) {
        producer.sendOffsetsToTransaction(covers, new ConsumerGroupMetadata(group));
      }
      producer.commitTransaction();
    } catch (KafkaException e) {
      abort();
      throw new IOException("could not publish batch " + batch + "'s " + predictions.size()
          + " predictions to topic " + topic + ": " + e.getMessage(), e);
    }
    covers.forEach((tp, o) -> committed.merge(tp.partition(), o.offset(), Math::max));
    if (sent < predictions.size()) {
      LOG.info("batch {}: {} of {} predictions had been published before the restart; not again",
          batch, predictions.size() - sent, predictions.size());
    }
  }

  /** The producer, once: fencing any earlier instance, and reading what it had committed. */
  private void open() throws IOException {
    if (producer != null) {
      return;
    }
    Map<String, Object> props = new HashMap<>(connection.clientProperties());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "crimestream-predictions");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    try {
      try {
        producer.partitionsFor(topic);
      } catch (KafkaException e) {
        throw new IOException("the predictions topic " + topic + " is not available (" + e.getMessage()
            + "): create it (on Kubernetes the controller's KafkaTopic does), or run the job with"
            + " --no-predictions", e);
      }
      producer.initTransactions(); // aborts what a killed predecessor left open
      committed = committedOffsets();
    } catch (KafkaException | IOException e) {
      producer.close(Duration.ZERO);
      producer = null;
      throw e instanceof IOException io ? io : new IOException("the predictions topic " + topic
          + " cannot be written transactionally: " + e.getMessage(), e);
    }
  }

  private Map<Integer, Long> committedOffsets() throws IOException {
    Map<Integer, Long> out = new HashMap<>();
    try (Admin admin = Admin.create(new HashMap<>(connection.clientProperties()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      offsets.forEach((tp, o) -> {
        if (o != null && tp.topic().equals(inputTopic)) {
          out.put(tp.partition(), o.offset());
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the predictions' committed offsets", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot read which predictions were published (consumer group " + group
          + "): " + e.getMessage(), e);
    }
    return out;
  }

  private void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException ignored) {
      // a fenced or broken producer: the next batch opens a new one
      producer.close(Duration.ZERO);
      producer = null;
    }
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
    }
  }

  @Override
  public String toString() {
    return "topic " + topic + " (transactional)";
  }

}
