package io.crimestream.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

  @Test
  void sendsAndReadsBackAcrossARestart() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("t", 1);
      kafka.createTopic("t", 1); // idempotent
      send(kafka, "before");
      kafka.restart();
      send(kafka, "after");
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
          "bootstrap.servers", kafka.bootstrapServers(), "auto.offset.reset", "earliest"),
          new StringDeserializer(), new StringDeserializer())) {
        TopicPartition tp = new TopicPartition("t", 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        List<String> seen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seen.size() < 2 && System.nanoTime() < deadline) {
          ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
          records.forEach(r -> seen.add(r.value()));
        }
        assertThat(seen).containsExactly("before", "after");
      }
      assertThat(kafka.admin().describeTopics(List.of("t")).allTopicNames().get().get("t").partitions()).hasSize(1);
    }
  }

  private static void send(EmbeddedKafka kafka, String value) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("t", "k", value)).get();
    }
  }
}
