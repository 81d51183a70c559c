package io.crimestream.job.monitoring;

import io.crimestream.kafka.KafkaConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many records the job is behind the topic's end: the end offsets the broker reports now,
 * less the next offset the job will process, summed over the partitions. Asked of the broker
 * when Prometheus scrapes (at most once per {@link #MAX_AGE}), not when a batch completes, so a
 * job that stopped taking batches still shows the records waiting for it. Spark does not commit
 * its offsets to Kafka, so a consumer-group lag exporter cannot see them; a partition the job
 * has not read yet counts from its first offset.
 */
public final class ConsumerLag implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);
  static final Duration MAX_AGE = Duration.ofSeconds(5);
  private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;
  private final String topic;
  private final Supplier<Map<Integer, Long>> nextOffsets;
  private boolean asked;
  private long askedAt;
  private double lag = Double.NaN;
  private boolean warned;

  private ConsumerLag(Admin admin, String topic, Supplier<Map<Integer, Long>> nextOffsets) {
    this.admin = admin;
    this.topic = topic;
    this.nextOffsets = nextOffsets;
  }

  /** Registers {@code crimestream_consumer_lag_records} for {@code topic} on {@code registry}. */
  public static ConsumerLag register(MeterRegistry registry, KafkaConnection kafka, String topic,
                                     Supplier<Map<Integer, Long>> nextOffsets) {
    Properties props = new Properties();
    props.putAll(kafka.clientProperties());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "crimestream-lag-" + topic);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
    ConsumerLag lag = new ConsumerLag(Admin.create(props), topic, nextOffsets);
    Gauge.builder(MeterNames.CONSUMER_LAG, lag, ConsumerLag::value)
        .description("Records of the topic the job has not processed yet (NaN while the broker does not answer)")
        .baseUnit("records")
        .tag("topic", topic)
        .register(registry);
    return lag;
  }

  /** The lag, asked of the broker again when the last answer is older than {@link #MAX_AGE}. */
  synchronized double value() {
    // a flag, not a sentinel time: nanoTime() less Long.MIN_VALUE overflows and looked fresh
    if (asked && System.nanoTime() - askedAt < MAX_AGE.toNanos()) {
      return lag;
    }
    return valueNow();
  }

  /** The lag, asked of the broker now. */
  synchronized double valueNow() {
    asked = true;
    askedAt = System.nanoTime();
    try {
      List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
      Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
      Map<Integer, Long> next = nextOffsets.get();
      long behind = 0;
      for (TopicPartition tp : partitions) {
        long from = Math.max(next.getOrDefault(tp.partition(), start.get(tp)), start.get(tp));
        behind += Math.max(0, end.get(tp) - from);
      }
      lag = behind;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lag = Double.NaN;
    } catch (Exception e) {
      if (!Double.isNaN(lag) || !warned) { // once per outage, not at every scrape
        LOG.warn("the lag of {} is unknown, the broker did not answer: {}", topic, e.toString());
        warned = true;
      }
      lag = Double.NaN;
    }
    return lag;
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    Map<TopicPartition, Long> out = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(request).all()
        .get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet()) {
      out.put(e.getKey(), e.getValue().offset());
    }
    return out;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
