package io.crimestream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.kafka.KafkaConnection;
import io.crimestream.record.SharedData;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A whole run through the Java API the launcher uses, with a fake clock and a fake broker. */
class ProducerTest {

  private final FakeClock clock = new FakeClock();
  private final Output progress = new Output();

  private static ProducerConfig kaggle(String... months) {
    return ProducerConfig.of(List.of(months).stream().map(YearMonth::parse).toList(),
        CrimeSource.file(SharedData.file(SharedData.KAGGLE)), KafkaConnection.plaintext("127.0.0.1:9"));
  }

  @Test
  void studyPaceRunOfKaggleMaySendsEveryRowInFiftySixMinutes() throws Exception {
    RecordingPublisher publisher = new RecordingPublisher(clock);

    ProducerResult result = Producer.run(kaggle("2016-05"), progress.stream, clock, config -> publisher);

    assertThat(result.complete()).isTrue();
    assertThat(result.exitStatus()).isEqualTo(ExitStatus.DELIVERED);
    assertThat(result.rowsValid()).isEqualTo(3446);
    assertThat(result.rowsAcknowledged()).isEqualTo(3446);
    assertThat(result.sendTime().toMinutes()).isEqualTo(56); // the last batch goes at 28 * 120 s
    assertThat(publisher.closed).isTrue();
    List<String> lines = progress.lines();
    assertThat(lines.get(1)).isEqualTo(
        "sending 3446 rows of 2016-05 to topic crimenes at 127.0.0.1:9, 120 rows every 2m00s (1.0 rows/s)");
    assertThat(lines.get(2)).isEqualTo("2016-05: 240/3446 rows sent (7.0%), 1.0 rows/s, about 54m00s left");
    assertThat(lines).last().isEqualTo("done: 3446 of 3446 valid rows of 2016-05 acknowledged by topic crimenes"
        + " in 56m00s (1.0 rows/s); 0 rejected by the reader; 1405 rows outside the requested months skipped");
  }

  @Test
  void rowsTheBrokerDidNotAcknowledgeMakeTheRunIncomplete() throws Exception {
    RecordingPublisher publisher = new RecordingPublisher(clock, 0, r -> r.id() % 10 == 3);

    ProducerResult result = Producer.run(kaggle("2016-05").withPace(Pace.REPLAY), progress.stream, clock,
        config -> publisher);

    assertThat(result.exitStatus()).isEqualTo(ExitStatus.UNDELIVERED);
    assertThat(result.rowsFailed()).isPositive();
    assertThat(result.rowsAcknowledged() + result.rowsFailed()).isEqualTo(3446);
    assertThat(progress.lines()).filteredOn(l -> l.startsWith("could not deliver id ")).hasSize(5);
    assertThat(progress.lines()).last().asString()
        .startsWith("incomplete: " + result.rowsAcknowledged() + " of 3446 valid rows of 2016-05 acknowledged by topic"
            + " crimenes in 0.0 s; " + result.rowsFailed() + " could not be delivered (first error: TimeoutException:"
            + " Expiring 1 record(s) for crimenes-0: 300000 ms has passed)");
  }

  @Test
  void aBrokerThatCannotBeUsedFailsEveryRowWithTheReason() throws Exception {
    ProducerResult result = Producer.run(kaggle("2016-05"), progress.stream, clock, config -> {
      throw new BrokerUnavailableException("topic crimenes is not available on Kafka at 127.0.0.1:9", null);
    });

    assertThat(result.exitStatus()).isEqualTo(ExitStatus.UNDELIVERED);
    assertThat(result.rowsFailed()).isEqualTo(3446);
    assertThat(result.rowsAcknowledged()).isZero();
    assertThat(progress.text()).contains("cannot send: topic crimenes is not available on Kafka at 127.0.0.1:9\n");
    assertThat(progress.lines()).last().asString().startsWith("incomplete: 0 of 3446 valid rows of 2016-05");
  }

  @Test
  void aMonthTheFileDoesNotHoldSendsNothingAndSaysWhichItHolds() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Producer.run(kaggle("2019-01"),
            progress.stream, clock, config -> {
              throw new AssertionError("nothing to send: Kafka is not needed");
            }))
        .isInstanceOf(SourceUnreadableException.class)
        .hasMessageContaining("holds no rows of 2019-01; it holds 47 months from 2012-01 to 2016-05");
  }

  @Test
  void configurationSortsMonthsAndPicksTheLingerForThePace() {
    ProducerConfig config = kaggle("2016-05", "2016-04", "2016-05");
    assertThat(config.months()).containsExactly(YearMonth.of(2016, 4), YearMonth.of(2016, 5));
    assertThat(config.effectiveLingerMs()).isEqualTo(ProducerConfig.PACED_LINGER_MS);
    assertThat(config.withPace(Pace.REPLAY).effectiveLingerMs()).isEqualTo(ProducerConfig.REPLAY_LINGER_MS);
    assertThat(config.withLingerMs(0).effectiveLingerMs()).isZero();

    var kafka = KafkaPublisher.clientProperties(config.withPace(Pace.REPLAY));
    assertThat(kafka).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
        .containsEntry("delivery.timeout.ms", 300_000).containsEntry("linger.ms", 20)
        .containsEntry("compression.type", "lz4").containsEntry("bootstrap.servers", "127.0.0.1:9");
  }
}
