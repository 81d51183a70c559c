package io.crimestream.producer;

import java.io.PrintStream;
import java.time.Duration;

/**
 * One run of the producer: load the months, send them at the pace, wait for every
 * acknowledgement, and say how it went. Progress and summary lines go to {@code progress}
 * (stderr for the command line); nothing is thrown for rows that could not be delivered, the
 * {@link ProducerResult} counts them.
 *
 * <p>To stop a run, interrupt its thread: sending stops and {@link InterruptedException} is thrown.
 */
public final class Producer {

  /** Opens the publisher once the rows are loaded; a fake in tests. */
  interface PublisherFactory {
    Publisher open(ProducerConfig config) throws BrokerUnavailableException;
  }

  private Producer() {}

  /** Runs with the real clock and Kafka. */
  public static ProducerResult run(ProducerConfig config, PrintStream progress)
      throws SourceUnreadableException, InterruptedException {
    return run(config, progress, MonotonicClock.SYSTEM);
  }

  /** Runs with Kafka and the given clock (pacing and retry waits follow it). */
  public static ProducerResult run(ProducerConfig config, PrintStream progress, MonotonicClock clock)
      throws SourceUnreadableException, InterruptedException {
    return run(config, progress, clock, KafkaPublisher::open);
  }

  static ProducerResult run(ProducerConfig config, PrintStream progress, MonotonicClock clock,
                            PublisherFactory publishers) throws SourceUnreadableException, InterruptedException {
    LoadedMonths loaded = MonthLoader.load(config.source(), config.months(), progress, clock);
    return send(loaded, config, progress, clock, publishers);
  }

  /**
   * Sends months loaded before (a local run reads the source before it starts Kafka and Spark,
   * so that a data error shows at once), with Kafka and the given clock.
   */
  public static ProducerResult send(LoadedMonths loaded, ProducerConfig config, PrintStream progress,
                                    MonotonicClock clock) throws InterruptedException {
    return send(loaded, config, progress, clock, KafkaPublisher::open);
  }

  static ProducerResult send(LoadedMonths loaded, ProducerConfig config, PrintStream progress,
                             MonotonicClock clock, PublisherFactory publishers) throws InterruptedException {
    DeliveryTally tally = new DeliveryTally(progress);
    long start = clock.nanoTime();
    String firstError = null;
    long failed = 0;
    if (!loaded.rows().isEmpty()) {
      progress.println("sending " + loaded.rows().size() + " rows of " + loaded.monthsLabel() + " to topic "
          + config.topic() + " at " + config.kafka().bootstrapServers() + ", " + config.pace());
      try (Publisher publisher = publishers.open(config)) {
        start = clock.nanoTime(); // the schedule starts with the first row, not with connecting
        ProgressReport report = new ProgressReport(progress, loaded.monthsLabel(), loaded.rows().size(),
            config.pace(), start);
        new PacedSender(config.pace(), clock).send(loaded.rows(), publisher, tally, report, start);
        failed = tally.failed();
        firstError = tally.firstError();
      } catch (BrokerUnavailableException e) {
        progress.println("cannot send: " + e.getMessage());
        failed = loaded.rows().size();
        firstError = e.getMessage();
      }
    }
    ProducerResult result = new ProducerResult(config.months(), config.topic(), loaded.rows().size(),
        tally.acknowledged(), failed, firstError, loaded.readSummary(), loaded.outsideMonths(),
        loaded.duplicateIds(), loaded.elapsed(), Duration.ofNanos(clock.nanoTime() - start),
        loaded.account());
    progress.println(result.summaryLine());
    return result;
  }
}
