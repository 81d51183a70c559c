package io.crimestream.local;

import io.crimestream.job.GracefulShutdown;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM or Ctrl-C into an orderly end of a local run: the run's thread is interrupted
 * (the producer stops sending, the wait for the stream ends), it stops the job after its current
 * batch, writes the outputs, and only then may the JVM go on to stop Spark and exit (with 143
 * after SIGTERM, 130 after Ctrl-C, as for any process ended by a signal).
 */
public final class StopSignal implements AutoCloseable {

  /** For a run that nothing outside stops (tests). */
  static final StopSignal NONE = new StopSignal();

  private final Thread runner;
  private final Duration wait;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Object hook;
  private volatile boolean received;

  private StopSignal(Thread runner, Duration wait) {
    this.runner = runner;
    this.wait = wait;
    this.hook = GracefulShutdown.onShutdown("crimestream-local-stop", this::stop);
  }

  private StopSignal() {
    this.runner = null;
    this.wait = Duration.ZERO;
    this.hook = null;
  }

  /**
   * Watches for a signal on behalf of {@code runner}, which will get at most {@code wait} to
   * finish (its outputs written, its summary printed) once interrupted.
   */
  static StopSignal watch(Thread runner, Duration wait) {
    return new StopSignal(runner, wait);
  }

  /** Whether the run was asked to stop by a signal. */
  boolean received() {
    return received;
  }

  private void stop() {
    received = true;
    runner.interrupt();
    try {
      done.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The run has finished, with or without a signal: the JVM may end. */
  @Override
  public void close() {
    done.countDown();
    if (hook != null) {
      GracefulShutdown.cancel(hook);
    }
  }
}
