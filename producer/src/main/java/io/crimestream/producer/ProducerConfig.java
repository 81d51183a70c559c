package io.crimestream.producer;

import io.crimestream.kafka.KafkaConnection;
import io.crimestream.options.TopicName;
import io.crimestream.record.WireCodec;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * Everything a run of the producer needs, checked once. The command line builds one from its
 * options; the one-machine launcher builds one in code:
 *
 * <pre>{@code
 * ProducerConfig config = ProducerConfig.of(List.of(YearMonth.of(2016, 5)),
 *         CrimeSource.file(path), KafkaConnection.plaintext(kafka.bootstrapServers()))
 *     .withPace(Pace.REPLAY);
 * }</pre>
 *
 * @param months          the months to send, distinct and in order (sorted here)
 * @param source          where the rows come from
 * @param topic           a legal Kafka topic name, {@code crimenes} by default
 * @param kafka           bootstrap servers and security
 * @param pace            the study's pace by default
 * @param lingerMs        Kafka's {@code linger.ms}, or {@code null} for {@link #effectiveLingerMs() the pace's default}
 * @param deliveryTimeout how long the client keeps retrying a row (Kafka's {@code delivery.timeout.ms});
 *                        long enough to outlast a broker restart
 * @param history         whether the months are history: each record carries
 *                        {@link WireCodec#HISTORY_HEADER}, and the job learns from it without scoring it
 */
public record ProducerConfig(List<YearMonth> months, CrimeSource source, String topic, KafkaConnection kafka,
                             Pace pace, Integer lingerMs, Duration deliveryTimeout, boolean history) {

  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(5);
  /** Paced batches go out at once; a few ms lets the client put a batch of 120 rows in one request. */
  public static final int PACED_LINGER_MS = 5;
  /** In a replay a longer linger fills larger, better-compressed requests. */
  public static final int REPLAY_LINGER_MS = 20;

  public ProducerConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(pace, "pace");
    if (months == null || months.isEmpty()) {
      throw new IllegalArgumentException("no month to send: name at least one, e.g. 2016-05");
    }
    months = months.stream().distinct().sorted().toList();
    TopicName.requireLegal(topic);
    if (lingerMs != null && lingerMs < 0) {
      throw new IllegalArgumentException("linger.ms must be 0 or more, got " + lingerMs);
    }
    if (deliveryTimeout == null || deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the delivery timeout must be at least 1 s, got " + deliveryTimeout);
    }
    // Kafka wants delivery.timeout.ms >= linger.ms + request.timeout.ms (at least 1 s here)
    int lingerMillis = lingerFor(lingerMs, pace);
    if (deliveryTimeout.toMillis() < lingerMillis + 1000L) {
      throw new IllegalArgumentException("the delivery timeout (" + deliveryTimeout.toMillis()
          + " ms) must exceed linger.ms (" + lingerMillis + " ms) by at least 1 s");
    }
  }

  /** The study's pace to topic {@code crimenes}, with the default delivery settings. */
  public static ProducerConfig of(List<YearMonth> months, CrimeSource source, KafkaConnection kafka) {
    return new ProducerConfig(months, source, TopicName.DEFAULT, kafka, Pace.STUDY, null, DEFAULT_DELIVERY_TIMEOUT,
        false);
  }

  public ProducerConfig withTopic(String topic) {
    return new ProducerConfig(months, source, topic, kafka, pace, lingerMs, deliveryTimeout, history);
  }

  public ProducerConfig withPace(Pace pace) {
    return new ProducerConfig(months, source, topic, kafka, pace, lingerMs, deliveryTimeout, history);
  }

  public ProducerConfig withLingerMs(Integer lingerMs) {
    return new ProducerConfig(months, source, topic, kafka, pace, lingerMs, deliveryTimeout, history);
  }

  public ProducerConfig withDeliveryTimeout(Duration deliveryTimeout) {
    return new ProducerConfig(months, source, topic, kafka, pace, lingerMs, deliveryTimeout, history);
  }

  /** The months as history (see {@link #history()}). */
  public ProducerConfig withHistory(boolean history) {
    return new ProducerConfig(months, source, topic, kafka, pace, lingerMs, deliveryTimeout, history);
  }

  /** {@code linger.ms} as set, else 5 ms when paced and 20 ms in a replay. */
  public int effectiveLingerMs() {
    return lingerFor(lingerMs, pace);
  }

  private static int lingerFor(Integer lingerMs, Pace pace) {
    return lingerMs != null ? lingerMs : pace.replay() ? REPLAY_LINGER_MS : PACED_LINGER_MS;
  }

  @Override
  public String toString() {
    // KafkaConnection's and the sources' toString never show credentials
    return LoadedMonths.label(months) + " from " + source + " to topic " + topic + " at " + kafka + ", " + pace
        + (history ? ", as history" : "") + ", linger.ms " + effectiveLingerMs() + ", delivery timeout " + ProgressReport.seconds(deliveryTimeout.toNanos());
  }
}
