package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.crimestream.options.Durations;
import io.crimestream.options.JobOptions;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * The Spark streaming driver (client mode, in a pod of its own) and its executors, and how the
 * stream is cut into micro-batches and stopped (the job's --trigger-interval,
 * --max-rows-per-batch, --max-rows-when-behind and --stop-grace-period).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = DriverGracePeriod.RULE, message = DriverGracePeriod.MESSAGE)
public class SparkSpec {

  /** Longer than any value of the durations' grammar; bounds the cost of the CEL rule. */
  static final int DURATION_MAX_LENGTH = 32;

  @JsonPropertyDescription("The Spark image with the streaming job's jars (driver and"
      + " executors); default the controller's CRIMESTREAM_SPARK_IMAGE.")
  private String image;

  @Default(Defaults.EXECUTORS_TEXT)
  @Min(1)
  @Max(64)
  @JsonPropertyDescription("spark.executor.instances.")
  private Integer executors;

  @JsonPropertyDescription("The driver's memory and cores; default 1g and 1.")
  private SparkProcess driver;

  @JsonPropertyDescription("Each executor's memory and cores; default 1g and 1.")
  private SparkProcess executor;

  @Default(Defaults.TRIGGER_INTERVAL)
  @Pattern(Durations.POSITIVE_PATTERN)
  @JsonPropertyDescription("How often a micro-batch may start: a whole number and a unit (ms, s,"
      + " m, h, or the unit as a word), more than zero, e.g. 1s, 500ms or 2 minutes.")
  private String triggerInterval;

  @Min(1)
  @Max(JobOptions.MAX_ROWS_PER_BATCH_LIMIT)
  @JsonPropertyDescription("At most this many records per micro-batch, so that a replay still"
      + " learns batch after batch; raise it to replay long periods faster. Default the"
      + " streaming job's (500).")
  private Long maxRowsPerBatch;

  @Min(1)
  @Max(JobOptions.MAX_ROWS_PER_BATCH_LIMIT)
  @JsonPropertyDescription("When the job is behind its topic (a replay, a restart after an outage),"
      + " a micro-batch takes up to this many records and learns them in steps of at least"
      + " maxRowsPerBatch rows, so that it catches up retraining less often. Default the streaming"
      + " job's (20000).")
  private Long maxRowsWhenBehind;

  @Pattern(Durations.PATTERN)
  @Size(max = DURATION_MAX_LENGTH)
  @JsonPropertyDescription("When the driver pod is stopped (a spec change, a deletion), how long"
      + " the batch in flight may take to complete before it is interrupted and left to be"
      + " replayed after the restart: a whole number and a unit, e.g. 20s or 2m; 0s interrupts"
      + " at once. Default the streaming job's (20s).")
  private String stopGracePeriod;

  @Min(1)
  @JsonPropertyDescription("The driver pod's terminationGracePeriodSeconds: how long Kubernetes"
      + " waits after asking the driver to stop before it kills it, and how long Spark's own"
      + " shutdown may take. At least stopGracePeriod plus " + DriverGracePeriod.SHUTDOWN_SECONDS
      + " s (stopping the query and Spark after the batch in flight); default exactly that.")
  private Long terminationGracePeriodSeconds;

  @JsonPropertyDescription("Extra Spark configuration (spark.* keys), passed as --conf. Settings"
      + " the controller owns (master, deploy mode, driver host and ports, namespace, image,"
      + " executor count, service account) cannot be overridden.")
  private Map<String, String> conf;

  @JsonPropertyDescription("The PersistentVolumeClaim that keeps the query's checkpoint across"
      + " driver restarts.")
  private Checkpoint checkpoint;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Integer getExecutors() {
    return executors;
  }

  public void setExecutors(Integer executors) {
    this.executors = executors;
  }

  public SparkProcess getDriver() {
    return driver;
  }

  public void setDriver(SparkProcess driver) {
    this.driver = driver;
  }

  public SparkProcess getExecutor() {
    return executor;
  }

  public void setExecutor(SparkProcess executor) {
    this.executor = executor;
  }

  public String getTriggerInterval() {
    return triggerInterval;
  }

  public void setTriggerInterval(String triggerInterval) {
    this.triggerInterval = triggerInterval;
  }

  public Long getMaxRowsWhenBehind() {
    return maxRowsWhenBehind;
  }

  public void setMaxRowsWhenBehind(Long maxRowsWhenBehind) {
    this.maxRowsWhenBehind = maxRowsWhenBehind;
  }

  public Long getMaxRowsPerBatch() {
    return maxRowsPerBatch;
  }

  public void setMaxRowsPerBatch(Long maxRowsPerBatch) {
    this.maxRowsPerBatch = maxRowsPerBatch;
  }

  public String getStopGracePeriod() {
    return stopGracePeriod;
  }

  public void setStopGracePeriod(String stopGracePeriod) {
    this.stopGracePeriod = stopGracePeriod;
  }

  public Long getTerminationGracePeriodSeconds() {
    return terminationGracePeriodSeconds;
  }

  public void setTerminationGracePeriodSeconds(Long terminationGracePeriodSeconds) {
    this.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
  }

  public Map<String, String> getConf() {
    return conf;
  }

  public void setConf(Map<String, String> conf) {
    this.conf = conf;
  }

  public Checkpoint getCheckpoint() {
    return checkpoint;
  }

  public void setCheckpoint(Checkpoint checkpoint) {
    this.checkpoint = checkpoint;
  }

  /** Memory and cores of a Spark JVM. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SparkProcess {
    @Pattern(Defaults.SPARK_MEMORY_PATTERN)
    @JsonPropertyDescription("Spark memory string, e.g. 1g or 512m.")
    private String memory;
    @Min(1)
    @Max(64)
    @JsonPropertyDescription("CPU cores.")
    private Integer cores;

    public SparkProcess() {}

    public SparkProcess(String memory, Integer cores) {
      this.memory = memory;
      this.cores = cores;
    }

    public String getMemory() {
      return memory;
    }

    public void setMemory(String memory) {
      this.memory = memory;
    }

    public Integer getCores() {
      return cores;
    }

    public void setCores(Integer cores) {
      this.cores = cores;
    }
  }

  /** Where the checkpoint lives. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Checkpoint {
    @Default(Defaults.CHECKPOINT_SIZE)
    @Pattern(Defaults.QUANTITY_PATTERN)
    @JsonPropertyDescription("The claim's requested size.")
    private String size;
    @JsonPropertyDescription("The claim's storage class; default the cluster's default class.")
    private String storageClassName;

    public String getSize() {
      return size;
    }

    public void setSize(String size) {
      this.size = size;
    }

    public String getStorageClassName() {
      return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
      this.storageClassName = storageClassName;
    }
  }
}
