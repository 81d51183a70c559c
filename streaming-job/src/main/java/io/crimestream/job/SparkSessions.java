package io.crimestream.job;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The job's Spark session: the master spark-submit chose, or Spark in-process on two cores. */
public final class SparkSessions {

  /**
   * Whether Spark's BLAS may try a native library first. Without one installed it falls back to
   * its pure-Java BLAS, which is what the models are tuned and measured with, but the attempt
   * prints a dlopen failure nobody can act on. Off unless asked for: users with a native BLAS
   * (OpenBLAS, MKL) set {@code -Ddev.ludovic.netlib.blas.allowNative=true} (README, "Models").
   */
  public static final String ALLOW_NATIVE_BLAS = "dev.ludovic.netlib.blas.allowNative";

  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    if (System.getProperty(ALLOW_NATIVE_BLAS) == null) {
      System.setProperty(ALLOW_NATIVE_BLAS, "false");
    }
    SparkConf conf = new SparkConf(true);
    // the executors' JVMs (Kubernetes) too, unless the user gave them options of their own
    conf.setIfMissing("spark.executor.extraJavaOptions", "-D" + ALLOW_NATIVE_BLAS + "="
        + System.getProperty(ALLOW_NATIVE_BLAS));
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[2]");
      // in-process: no web UI on a port nobody asked for, few shuffle partitions
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    conf.setIfMissing("spark.app.name", appName);
    conf.setIfMissing("spark.sql.shuffle.partitions", "4");
    // models train concurrently: share the cores fairly rather than first come, first served
    conf.setIfMissing("spark.scheduler.mode", "FAIR");
    conf.setIfMissing("spark.sql.streaming.stopActiveRunOnRestart", "true");
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
