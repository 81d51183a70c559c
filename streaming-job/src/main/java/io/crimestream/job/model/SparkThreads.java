package io.crimestream.job.model;

import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import org.apache.spark.SparkContext;

/**
 * Threads of the job's own that submit Spark jobs (the trainer's, the registry's), and the Spark
 * properties their jobs carry.
 *
 * <p>Spark keeps a thread's local properties (job group, job tags, scheduler pool, and the SQL
 * execution id that ties a job to the query execution that submitted it) in an inheritable
 * thread-local, so a pool thread started while a streaming batch runs copies that batch's
 * properties and submits every later job as part of that long-ended execution. Spark's
 * DAGScheduler keeps each SQL execution's jobs (with their RDDs, closures and stage metrics)
 * until the execution ends, so those jobs were kept for the life of the driver: the soak's heap
 * grew by about 25 MiB per 100k rows with them (README, "Soak under faults"). Threads from
 * {@link #daemonFactory} inherit nothing; {@link #callWith} gives a task the properties of the
 * thread that asked for it, those of the batch running now.
 */
public final class SparkThreads {

  private SparkThreads() {}

  /** Daemon threads named {@code name} that start with no Spark properties of their creator's. */
  public static ThreadFactory daemonFactory(String name) {
    return task -> {
      Thread t = new Thread(null, task, name, 0, false); // false: no inherited thread-locals
      t.setDaemon(true);
      return t;
    };
  }

  /** A copy of the calling thread's Spark properties, for {@link #callWith} on another thread. */
  public static Properties current(SparkContext sc) {
    Properties copy = new Properties();
    copy.putAll(sc.getLocalProperties());
    return copy;
  }

  /**
   * Runs {@code work} on the calling thread with {@code properties} (a copy of them) as its Spark
   * properties, and gives the thread back the ones it had.
   */
  public static <T> T callWith(SparkContext sc, Properties properties, Callable<T> work) throws Exception {
    Properties before = sc.getLocalProperties();
    Properties during = new Properties();
    during.putAll(properties);
    sc.setLocalProperties(during);
    try {
      return work.call();
    } finally {
      sc.setLocalProperties(before);
    }
  }
}
