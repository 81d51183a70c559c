package io.crimestream.job;

import org.apache.spark.util.ShutdownHookManager;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * Runs a stop action when the JVM is asked to end (SIGTERM from Kubernetes or {@code kill},
 * Ctrl-C), before Spark stops anything. A plain JVM shutdown hook would run at the same time as
 * Spark's, which stop the executor and the SparkContext under a batch that is still training;
 * Spark's own hook manager runs hooks one after another, highest priority first, so a hook above
 * every priority Spark uses can let the current batch finish and stop the query cleanly.
 */
public final class GracefulShutdown {

  /** Before Spark's default-priority hooks (the executor's stop among them) and the SparkContext's. */
  static final int PRIORITY = ShutdownHookManager.DEFAULT_SHUTDOWN_PRIORITY() + 10;

  private GracefulShutdown() {}

  /** Registers {@code action}; the returned handle un-registers it with {@link #cancel}. */
  public static Object onShutdown(String name, Runnable action) {
    return ShutdownHookManager.addShutdownHook(PRIORITY, new AbstractFunction0<BoxedUnit>() {
      @Override
      public BoxedUnit apply() {
        action.run();
        return BoxedUnit.UNIT;
      }

      @Override
      public String toString() {
        return name;
      }
    });
  }

  /** Un-registers a hook once what it would stop has ended by itself. */
  public static void cancel(Object handle) {
    if (handle != null && !ShutdownHookManager.inShutdown()) {
      ShutdownHookManager.removeShutdownHook(handle);
    }
  }
}
