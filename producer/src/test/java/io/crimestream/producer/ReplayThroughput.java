package io.crimestream.producer;

import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.SharedData;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures replay throughput from the producer to an in-process broker: every real row of the
 * shared exports, repeated under fresh ids up to {@code ROWS}, sent by the same code as a
 * {@code --replay} run ({@link KafkaPublisher}, {@link PacedSender}). Not a test (timing
 * depends on the machine); run it by hand:
 *
 * <pre>
 * ./mvnw -q -B test-compile dependency:build-classpath -pl producer -Dmdep.outputFile=/tmp/cp.txt
 * java -Dcrimestream.sharedData=../shared/data/chicago \
 *     -cp producer/target/test-classes:producer/target/classes:$(cat /tmp/cp.txt) \
 *     io.crimestream.producer.ReplayThroughput [rows]
 * </pre>
 *
 * <p>On the 2-core machine, with the broker in the same JVM: about 190,000-240,000 rows/s
 * (300,000 rows, after a warm-up).
 */
public final class ReplayThroughput {

  private ReplayThroughput() {}

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    List<CrimeRecord> real = new ArrayList<>();
    for (String file : List.of(SharedData.KAGGLE, SharedData.PORTAL_2015_09, SharedData.PORTAL_2016_01,
        SharedData.SODA_2017, SharedData.SODA_2018)) {
      real.addAll(MonthLoader.load(CrimeSource.file(SharedData.file(file)), allMonths(),
          new PrintStream(OutputStream.nullOutputStream()), MonotonicClock.SYSTEM).rows());
    }
    List<CrimeRecord> rows = new ArrayList<>(total);
    for (int i = 0; rows.size() < total; i++) {
      CrimeRecord r = real.get(i % real.size());
      rows.add(r.toBuilder().id(100_000_000L + i).build());
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      for (int run = 0; run < 4; run++) {
        String topic = "throughput-" + run;
        kafka.createTopic(topic, 1);
        List<CrimeRecord> batch = run == 0 ? rows.subList(0, Math.min(50_000, rows.size())) : rows;
        double perSecond = send(kafka, topic, batch);
        System.out.printf(Locale.ROOT, "%s run: %d rows in replay, %.0f rows/s acknowledged%n",
            run == 0 ? "warm-up" : "measured", batch.size(), perSecond);
      }
    }
  }

  private static double send(EmbeddedKafka kafka, String topic, List<CrimeRecord> rows) throws Exception {
    ProducerConfig config = ProducerConfig.of(List.of(YearMonth.of(2016, 5)), CrimeSource.file(SharedData.file(SharedData.KAGGLE)),
        KafkaConnection.plaintext(kafka.bootstrapServers())).withTopic(topic).withPace(Pace.REPLAY);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    DeliveryTally tally = new DeliveryTally(System.err);
    try (Publisher publisher = KafkaPublisher.open(config)) {
      long start = System.nanoTime();
      new PacedSender(Pace.REPLAY, MonotonicClock.SYSTEM).send(rows, publisher, tally,
          new ProgressReport(quiet, "bench", rows.size(), Pace.REPLAY, start), start);
      long elapsed = System.nanoTime() - start;
      if (tally.acknowledged() != rows.size()) {
        throw new IllegalStateException(tally.failed() + " rows failed: " + tally.firstError());
      }
      return rows.size() * 1e9 / elapsed;
    }
  }

  private static List<YearMonth> allMonths() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = YearMonth.of(2012, 1); !m.isAfter(YearMonth.of(2018, 12)); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }
}
