package io.crimestream.local.bench;

import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.producer.ProducerResult;
import io.crimestream.record.CrimeRecord;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.util.List;

/** Producer to broker in replay mode: rows acknowledged per second. */
final class ReplayThroughput {

  private ReplayThroughput() {}

  static double measure(EmbeddedKafka kafka, List<CrimeRecord> real, int rows, PrintStream log)
      throws Exception {
    String topic = "bench-replay";
    kafka.createTopic(topic, 1);
    List<CrimeRecord> generated = GeneratedCrimes.resample(real, rows, GeneratedCrimes.FIRST_ID,
        LocalDateTime.of(2016, 5, 1, 0, 0), 30, 2);
    ProducerResult r = GeneratedTopic.send(kafka, topic, generated);
    double perSecond = r.rowsAcknowledged() / Math.max(1e-9, r.sendTime().toNanos() / 1e9);
    log.printf("replay: %d rows acknowledged in %.2f s: %.0f rows/s%n", r.rowsAcknowledged(),
        r.sendTime().toNanos() / 1e9, perSecond);
    return perSecond;
  }
}
