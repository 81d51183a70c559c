package io.crimestream.local.bench;

import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.Pace;
import io.crimestream.producer.Producer;
import io.crimestream.producer.ProducerConfig;
import io.crimestream.producer.ProducerResult;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.ReadSummary;
import java.io.PrintStream;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** Sends GENERATED rows to a topic of the embedded broker with the real producer, as a replay. */
final class GeneratedTopic {

  private GeneratedTopic() {}

  static ProducerResult send(EmbeddedKafka kafka, String topic, List<CrimeRecord> rows) throws Exception {
    CrimeSource generated = (months, listener, clock) -> {
      long line = 1;
      for (CrimeRecord r : rows) {
        listener.accepted(r, ++line);
      }
      return new ReadSummary("generated", rows.size(), rows.size(), Map.of(), Map.of());
    };
    List<YearMonth> months = rows.stream().map(CrimeRecord::month).distinct().sorted().toList();
    ProducerResult r = Producer.run(ProducerConfig.of(months, generated,
        KafkaConnection.plaintext(kafka.bootstrapServers())).withTopic(topic).withPace(Pace.REPLAY),
        new PrintStream(PrintStream.nullOutputStream()));
    if (!r.complete()) {
      throw new IllegalStateException("the producer did not deliver every row: " + r.summaryLine());
    }
    return r;
  }
}
