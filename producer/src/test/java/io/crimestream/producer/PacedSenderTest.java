package io.crimestream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.record.CrimeRecord;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pacing on a fake clock: a two-hour schedule checked without waiting. */
class PacedSenderTest {

  private final FakeClock clock = new FakeClock();
  private final Output progress = new Output();

  /** {@code n} rows a minute apart, as a month of the city's data would be in time order. */
  static List<CrimeRecord> rows(int n) {
    LocalDateTime first = LocalDateTime.of(2016, 5, 1, 0, 0);
    return IntStream.range(0, n)
        .mapToObj(i -> CrimeRecord.builder().id(10_000_000L + i).date(first.plusMinutes(i)).arrest(i % 4 == 0).build())
        .toList();
  }

  private RecordingPublisher send(List<CrimeRecord> rows, Pace pace, RecordingPublisher publisher) throws InterruptedException {
    DeliveryTally tally = new DeliveryTally(progress.stream);
    long start = clock.nanoTime();
    new PacedSender(pace, clock).send(rows, publisher, tally,
        new ProgressReport(progress.stream, "2016-05", rows.size(), pace, start), start);
    assertThat(publisher.flushed).as("waited for the acknowledgements").isTrue();
    assertThat(tally.acknowledged()).isEqualTo(rows.size());
    return publisher;
  }

  @Test
  void studyPaceReleasesBatchKOf120RowsAtKTimes120Seconds() throws InterruptedException {
    List<CrimeRecord> rows = rows(3446);
    RecordingPublisher publisher = send(rows, Pace.STUDY, new RecordingPublisher(clock));

    assertThat(publisher.records()).as("every row, in its order").isEqualTo(rows);
    List<Double> at = publisher.secondsOfSends();
    for (int i = 0; i < rows.size(); i++) {
      assertThat(at.get(i)).as("row %d goes with batch %d", i, i / 120).isEqualTo(i / 120 * 120.0);
    }
    // 28 full batches and one of 86, the last at 28 * 120 s = 56 minutes
    assertThat(at.stream().distinct()).hasSize(29).last().isEqualTo(3360.0);
    assertThat(at.stream().filter(t -> t == 3360.0)).hasSize(86);
    assertThat(clock.sleepsInSeconds()).isEqualTo(IntStream.range(0, 29).mapToObj(k -> k * 120.0).toList());
  }

  @ParameterizedTest(name = "{0} rows/s in batches of {1}: a batch every {2} s")
  @CsvSource({
      "2000, 50, 0.025",
      "0.5,   3, 6",
      "10,   25, 2.5",
      "3,     1, 0.333333333",
  })
  void customPaceReleasesBatchesAtBatchRowsOverRate(double rowsPerSecond, int batchRows, double interval)
      throws InterruptedException {
    List<CrimeRecord> rows = rows(1000);
    RecordingPublisher publisher = send(rows, Pace.paced(rowsPerSecond, batchRows), new RecordingPublisher(clock));

    List<Double> at = publisher.secondsOfSends();
    for (int i = 0; i < rows.size(); i++) {
      // measured from the start, so rounding never accumulates over batches
      assertThat(at.get(i)).isCloseTo(i / batchRows * interval, org.assertj.core.data.Offset.offset(1e-6));
    }
    assertThat(clock.sleeps).hasSize((rows.size() + batchRows - 1) / batchRows);
  }

  @Test
  void replayNeverSleeps() throws InterruptedException {
    List<CrimeRecord> rows = rows(5000);
    RecordingPublisher publisher = send(rows, Pace.REPLAY, new RecordingPublisher(clock));

    assertThat(clock.sleeps).isEmpty();
    assertThat(publisher.records()).isEqualTo(rows);
  }

  @Test
  void studyPacePrintsAProgressLinePerBatchWithRateAndTimeLeft() throws InterruptedException {
    send(rows(3446), Pace.STUDY, new RecordingPublisher(clock));

    List<String> lines = progress.lines();
    // none at time 0 (no rate yet), then one after each of the other 28 batches
    assertThat(lines).hasSize(28);
    assertThat(lines.get(0)).isEqualTo("2016-05: 240/3446 rows sent (7.0%), 1.0 rows/s, about 54m00s left");
    assertThat(lines.get(1)).isEqualTo("2016-05: 360/3446 rows sent (10.4%), 1.0 rows/s, about 52m00s left");
    assertThat(lines.get(27)).isEqualTo("2016-05: 3446/3446 rows sent (100.0%), 1.0 rows/s, about 0s left");
  }

  @Test
  void fastPacePrintsAtMostEveryTwoSeconds() throws InterruptedException {
    // 40 batches a second: a line per batch would be 40 lines a second
    send(rows(10_000), Pace.paced(2000, 50), new RecordingPublisher(clock));

    assertThat(progress.lines()).hasSize(2); // at 2.0 s and 4.0 s of a 4.975 s run
    assertThat(progress.lines().get(0)).startsWith("2016-05: 4050/10000 rows sent (40.5%), 2000 rows/s, about 3s left");
  }

  @Test
  void replayPrintsEveryTwoSecondsWithTheMeasuredRate() throws InterruptedException {
    // each send takes 1 ms: 1000 rows/s, 10 s for 10,000 rows
    send(rows(10_000), Pace.REPLAY, new RecordingPublisher(clock, TimeUnit.MILLISECONDS.toNanos(1), r -> false));

    assertThat(progress.lines()).containsExactly(
        "2016-05: 2000/10000 rows sent (20.0%), 1000 rows/s, about 8s left",
        "2016-05: 4000/10000 rows sent (40.0%), 1000 rows/s, about 6s left",
        "2016-05: 6000/10000 rows sent (60.0%), 1000 rows/s, about 4s left",
        "2016-05: 8000/10000 rows sent (80.0%), 1000 rows/s, about 2s left",
        "2016-05: 10000/10000 rows sent (100.0%), 1000 rows/s, about 0s left");
  }

  @Test
  void failedRowsAreCountedAndTheFirstFewPrinted() throws InterruptedException {
    List<CrimeRecord> rows = rows(1000);
    DeliveryTally tally = new DeliveryTally(progress.stream);
    RecordingPublisher publisher = new RecordingPublisher(clock, 0, r -> r.id() % 100 == 0);
    new PacedSender(Pace.REPLAY, clock).send(rows, publisher, tally,
        new ProgressReport(progress.stream, "2016-05", rows.size(), Pace.REPLAY, clock.nanoTime()), clock.nanoTime());

    assertThat(tally.failed()).isEqualTo(10);
    assertThat(tally.acknowledged()).isEqualTo(990);
    assertThat(tally.firstError()).startsWith("TimeoutException: Expiring 1 record(s)");
    assertThat(progress.lines()).hasSize(DeliveryTally.FAILURES_SHOWN).first().asString()
        .startsWith("could not deliver id 10000000 of 2016-05-01T00:00: TimeoutException");
    assertThat(progress.lines().get(4)).endsWith("(further failures are only counted)");
  }
}
