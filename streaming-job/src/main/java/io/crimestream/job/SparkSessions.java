package io.crimestream.job;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The job's Spark session: the master spark-submit chose, or Spark in-process on two cores. */
public final class SparkSessions {

  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf(true);
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
