package io.crimestream.job.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Counts the Spark jobs each step of a cycle runs, by the thread-local property {@value #STEP}
 * that the step's thread sets around its work (Spark copies a thread's local properties into
 * every job it submits). Spark's per-job cost (scheduling, closure cleaning, task
 * serialization) is what a small batch's training spends most of its time on, so the count is
 * the figure to watch when changing how a model is fitted (README, "Benchmark").
 */
public final class SparkJobCounter extends SparkListener {

  /** The local property naming the step (a model's id, or e.g. {@code save}). */
  public static final String STEP = "crimestream.step";
  /** Where jobs of no named step are counted. */
  public static final String OTHER = "other";

  private final SparkContext sc;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  private SparkJobCounter(SparkContext sc) {
    this.sc = sc;
  }

  /** A counter listening to {@code sc}'s jobs from now on. */
  public static SparkJobCounter register(SparkContext sc) {
    SparkJobCounter c = new SparkJobCounter(sc);
    sc.addSparkListener(c);
    return c;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    String step = jobStart.properties() == null ? null : jobStart.properties().getProperty(STEP);
    counts.computeIfAbsent(step == null ? OTHER : step, k -> new AtomicLong()).incrementAndGet();
  }

  /** Runs {@code work} with its jobs counted under {@code step}, on the calling thread. */
  public static <T> T within(SparkContext sc, String step, java.util.concurrent.Callable<T> work) throws Exception {
    String before = sc.getLocalProperty(STEP);
    sc.setLocalProperty(STEP, step);
    try {
      return work.call();
    } finally {
      sc.setLocalProperty(STEP, before);
    }
  }

  /**
   * The jobs counted per step since the last call, once Spark has delivered the events of every
   * job started so far (listeners hear of jobs asynchronously); at most {@code waitMillis} is
   * spent waiting for that, past which the figures may miss the last jobs.
   */
  public Map<String, Long> drain(long waitMillis) {
    try {
      sc.listenerBus().waitUntilEmpty(waitMillis);
    } catch (TimeoutException e) {
      // the counts so far: a figure, not a result anything depends on
    }
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((step, n) -> {
      long v = n.getAndSet(0);
      if (v > 0) {
        out.put(step, v);
      }
    });
    return out;
  }

  /** Stops listening. */
  public void remove() {
    sc.removeSparkListener(this);
  }
}
