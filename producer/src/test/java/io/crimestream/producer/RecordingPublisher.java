package io.crimestream.producer;

import io.crimestream.record.CrimeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.TimeoutException;

/** A publisher that acknowledges (or fails) each row at once and remembers when it was sent. */
final class RecordingPublisher implements Publisher {

  record Sent(CrimeRecord record, long atNanos) {}

  final List<Sent> sent = new ArrayList<>();
  private final FakeClock clock;
  private final long nanosPerSend;
  private final Predicate<CrimeRecord> fails;
  boolean flushed;
  boolean closed;

  RecordingPublisher(FakeClock clock) {
    this(clock, 0, r -> false);
  }

  /**
   * @param nanosPerSend how far each send moves the clock, to play a replay's speed
   * @param fails        which rows the "broker" does not acknowledge
   */
  RecordingPublisher(FakeClock clock, long nanosPerSend, Predicate<CrimeRecord> fails) {
    this.clock = clock;
    this.nanosPerSend = nanosPerSend;
    this.fails = fails;
  }

  @Override
  public void send(CrimeRecord record, DeliveryListener listener) {
    sent.add(new Sent(record, clock.nanoTime()));
    clock.advance(nanosPerSend);
    if (fails.test(record)) {
      listener.failed(record, new TimeoutException("Expiring 1 record(s) for crimenes-0: 300000 ms has passed"));
    } else {
      listener.acknowledged(record);
    }
  }

  @Override
  public void flush() {
    flushed = true;
  }

  @Override
  public void close() {
    closed = true;
  }

  List<CrimeRecord> records() {
    return sent.stream().map(Sent::record).toList();
  }

  /** Send times as seconds after the fake clock's start. */
  List<Double> secondsOfSends() {
    return sent.stream().map(s -> (s.atNanos() - FakeClock.START) / 1e9).toList();
  }
}
