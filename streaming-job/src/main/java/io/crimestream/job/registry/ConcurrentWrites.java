package io.crimestream.job.registry;

import io.crimestream.job.model.SparkThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a batch's model writes at the same time and waits for all of them. Each Spark ML save is a
 * few tiny Spark jobs whose cost is the driver's per-job work (scheduling, closure cleaning,
 * planning), not the data: started together, the models' jobs overlap that work instead of
 * queueing behind each other. The threads are daemons, shared by every registry of the JVM.
 */
final class ConcurrentWrites {

  /** One per model kind is the most a batch saves at once. */
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4,
      SparkThreads.daemonFactory("crimestream-model-save"));

  /** A write that may fail. */
  interface Write {
    void run() throws IOException;
  }

  private ConcurrentWrites() {}

  /** Runs every write, and returns once all are done; the first failure is thrown after all end. */
  static void runAll(List<Write> writes) throws IOException {
    if (writes.size() <= 1) {
      for (Write w : writes) {
        w.run();
      }
      return;
    }
    // each write's Spark jobs carry the caller's Spark properties (the step they are counted
    // under), as they would on the caller's thread; the pool's threads inherit none
    Optional<SparkContext> sc = activeSparkContext();
    Properties caller = sc.map(SparkThreads::current).orElse(null);
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (Write w : writes) {
      running.add(CompletableFuture.runAsync(() -> {
        try {
          if (sc.isPresent()) {
            SparkThreads.callWith(sc.get(), caller, () -> {
              w.run();
              return null;
            });
          } else {
            w.run();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, POOL));
    }
    IOException failed = null;
    for (CompletableFuture<Void> f : running) {
      try {
        f.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
        if (failed == null) {
          failed = cause instanceof IOException io ? io : new IOException("a model could not be saved", cause);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** The context Spark ML's writers save through, when a session is running. */
  private static Optional<SparkContext> activeSparkContext() {
    scala.Option<SparkSession> session = SparkSession.getActiveSession();
    if (session.isEmpty()) {
      session = SparkSession.getDefaultSession();
    }
    return session.isEmpty() ? Optional.empty() : Optional.of(session.get().sparkContext());
  }
}
