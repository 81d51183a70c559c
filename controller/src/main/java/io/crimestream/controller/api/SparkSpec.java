package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.Map;

/** The Spark streaming driver (client mode, in a pod of its own) and its executors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkSpec {

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
  @Pattern(Defaults.DURATION_PATTERN)
  @JsonPropertyDescription("How often a micro-batch starts, e.g. 1s or 500ms.")
  private String triggerInterval;

  @Min(1)
  @JsonPropertyDescription("At most this many records per micro-batch (the job's"
      + " --max-rows-per-batch); default the streaming job's.")
  private Long maxRowsPerBatch;

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

  public Long getMaxRowsPerBatch() {
    return maxRowsPerBatch;
  }

  public void setMaxRowsPerBatch(Long maxRowsPerBatch) {
    this.maxRowsPerBatch = maxRowsPerBatch;
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
