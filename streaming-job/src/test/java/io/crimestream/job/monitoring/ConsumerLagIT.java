package io.crimestream.job.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The lag gauge against a real broker: the topic's end less the job's next offsets. */
class ConsumerLagIT {

  @Test
  void theLagIsWhatTheTopicHoldsPastTheJobsPositionAndNanWhenTheBrokerIsGone() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("crimenes", 2);
      Properties p = new Properties();
      p.put("bootstrap.servers", kafka.bootstrapServers());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
          new StringSerializer())) {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>("crimenes", i % 2, null, "r" + i)).get();
        }
      }
      AtomicReference<Map<Integer, Long>> next = new AtomicReference<>(Map.of());
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (ConsumerLag lag = ConsumerLag.register(registry, KafkaConnection.plaintext(kafka.bootstrapServers()),
          "crimenes", next::get)) {
        assertThat(lag.value()).as("nothing read yet: every record waits").isEqualTo(10);
        assertThat(registry.scrape()).contains("crimestream_consumer_lag_records{topic=\"crimenes\"} 10");
        next.set(Map.of(0, 5L, 1, 2L));
        assertThat(lag.valueNow()).as("partition 0 read to its end, 3 left in partition 1").isEqualTo(3);
        kafka.stop();
        assertThat(lag.valueNow()).as("the broker does not answer: unknown, not 0").isNaN();
      }
    }
  }
}
