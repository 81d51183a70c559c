package io.crimestream.job.registry;

import io.crimestream.job.model.SparkThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Applies a stream's changes to its {@link ModelRegistry} on one background thread, in the order
 * they were asked, so that a batch's models are written while the next batch is scored and trained
 * instead of before it. Spark ML's persistence costs a few small Spark jobs per model, whatever the
 * model's size: on the batch's critical path that was a fifth of a cycle at 20,000 rows.
 *
 * <p>What it keeps:
 * <ul>
 *   <li>Order: a version's prequential figures are recorded after its save, and
 *   {@code registry.json} always describes a prefix of the stream.</li>
 *   <li>A lag of at most one batch: {@link #submitSave} first waits for the previous batch's save
 *   to end, so a registry slower than the stream slows the stream instead of piling up models in
 *   memory (that wait is the cycle's {@code save} stage).</li>
 *   <li>Failures: a change that failed is thrown, with its cause, from the next call (the next
 *   batch, or {@link #close}); nothing after it is applied.</li>
 * </ul>
 *
 * <p>What it costs: a driver that dies while a committed batch's save is in flight loses that
 * batch's versions (their half-written folders are not in the index, and are overwritten by the
 * next save of the same version); the restarted job serves the versions before them and scores
 * the next batch with them, which is still prequential, and no training row is lost, since the
 * rows are in the job's checkpoint. A graceful stop ({@link #close}) waits for every change.
 */
public final class RegistryWriter implements AutoCloseable {

  /** One change to the registry, applied on the writer's thread. */
  @FunctionalInterface
  public interface Change {
    void apply(ModelRegistry registry) throws IOException;
  }

  private final ModelRegistry registry;
  // a thread of no streaming batch's: its saves belong to no query execution, and stopping the
  // query does not cancel them (a graceful stop waits for them instead)
  private final ExecutorService thread = Executors.newSingleThreadExecutor(
      SparkThreads.daemonFactory("crimestream-registry-writer"));
  private Future<?> lastSave = CompletableFuture.completedFuture(null);
  private Future<?> last = CompletableFuture.completedFuture(null);
  private volatile IOException failure;

  public RegistryWriter(ModelRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * The registry, to read from once {@link #awaitWritten} returned (the writer's thread is the
   * only one that changes it meanwhile).
   */
  public ModelRegistry registry() {
    return registry;
  }

  /**
   * Queues a batch's save (its versions and the champion then), after waiting for the previous
   * batch's save to end.
   *
   * @throws IOException when an earlier change failed
   */
  public synchronized void submitSave(Change save) throws IOException, InterruptedException {
    await(lastSave);
    lastSave = enqueue(save);
  }

  /**
   * Queues a small change (a version's prequential figures) behind those already asked.
   *
   * @throws IOException when an earlier change failed
   */
  public synchronized void submit(Change change) throws IOException {
    enqueue(change);
  }

  /** Waits until every change asked so far is applied. @throws IOException when one failed */
  public synchronized void awaitWritten() throws IOException, InterruptedException {
    await(last);
  }

  /**
   * Waits at most {@code timeout} for every change asked so far; whether they were all applied.
   * For a stop, which must end within its grace period.
   *
   * @throws IOException when one failed
   */
  public boolean awaitWritten(Duration timeout) throws IOException, InterruptedException {
    Future<?> pending;
    synchronized (this) {
      pending = last;
    }
    try {
      pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IOException("the model registry's writer failed", e.getCause());
    }
    throwIfFailed();
    return true;
  }

  private Future<?> enqueue(Change change) throws IOException {
    throwIfFailed();
    last = thread.submit(() -> {
      if (failure != null) {
        return; // nothing after a failed change: the index stays a prefix of the stream
      }
      try {
        change.apply(registry);
      } catch (IOException | RuntimeException e) {
        failure = e instanceof IOException io ? io
            : new IOException("the model registry in " + registry.dir() + " could not be written: " + e, e);
      }
    });
    return last;
  }

  private void await(Future<?> f) throws IOException, InterruptedException {
    try {
      f.get();
    } catch (ExecutionException e) {
      throw new IOException("the model registry's writer failed", e.getCause());
    }
    throwIfFailed();
  }

  private void throwIfFailed() throws IOException {
    IOException f = failure;
    if (f != null) {
      throw new IOException("the model registry in " + registry.dir() + " could not be written (" + f.getMessage()
          + "); the versions after the last one in its " + ModelRegistry.INDEX + " are not saved", f);
    }
  }

  /** Waits for every change, then stops the thread; a failed change is thrown. */
  @Override
  public void close() throws IOException {
    try {
      awaitWritten();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      thread.shutdown();
      try {
        thread.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
