package io.crimestream.controller.settings;

import io.crimestream.controller.api.Defaults;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.controller.config.ControllerConfig;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code spec.spark}'s Spark processes: the image, the executors, the driver's and each
 * executor's memory and cores, the user's extra configuration, and the checkpoint's claim. (How
 * the stream is cut into batches and stopped, also under {@code spec.spark}, is
 * {@link StreamingSettings}.)
 *
 * @param image                  the Spark image with the job's jars
 * @param executors              spark.executor.instances
 * @param driver                 the driver's memory and cores
 * @param executor               each executor's memory and cores
 * @param extraConf              the user's spark.* settings, none of them the controller's
 * @param checkpointSize         the checkpoint claim's requested size
 * @param checkpointStorageClass its storage class, or null for the cluster's default
 */
public record SparkSettings(String image, int executors, SparkProcess driver, SparkProcess executor,
                            Map<String, String> extraConf, String checkpointSize,
                            String checkpointStorageClass) {

  /**
   * The spark-submit settings the controller derives from the spec or owns;
   * {@code spec.spark.conf} may not set them.
   */
  public static final Set<String> CONTROLLER_OWNED_CONF = Set.of(
      "spark.master", "spark.submit.deployMode", "spark.app.name",
      "spark.driver.host", "spark.driver.bindAddress", "spark.driver.port",
      "spark.driver.blockManager.port", "spark.blockManager.port", "spark.kubernetes.namespace",
      "spark.kubernetes.driver.pod.name", "spark.kubernetes.container.image",
      "spark.kubernetes.container.image.pullPolicy", "spark.executor.instances",
      "spark.kubernetes.authenticate.driver.serviceAccountName",
      "spark.kubernetes.executor.podNamePrefix", "spark.kubernetes.executor.podTemplateFile",
      "spark.kubernetes.executor.podTemplateContainerName",
      "spark.kubernetes.executor.disableConfigMap",
      "spark.kubernetes.driver.ownPersistentVolumeClaim",
      "spark.kubernetes.driver.reusePersistentVolumeClaim",
      "spark.driver.extraClassPath", "spark.executor.extraClassPath", "spark.driver.memory",
      "spark.driver.cores", "spark.executor.memory", "spark.executor.cores", "spark.local.dir",
      "spark.driver.defaultJavaOptions");

  private static final Pattern SPARK_MEMORY = Pattern.compile(Defaults.SPARK_MEMORY_PATTERN);
  private static final Pattern QUANTITY = Pattern.compile(Defaults.QUANTITY_PATTERN);

  /** Memory (a Spark memory string, e.g. 1g) and cores of a Spark JVM. */
  public record SparkProcess(String memory, int cores) {

    /** {@link #memory} in MiB, as Spark reads it (no unit: bytes). */
    public long memoryMebibytes() {
      char unit = Character.toLowerCase(memory.charAt(memory.length() - 1));
      boolean hasUnit = Character.isLetter(unit);
      long n = Long.parseLong(hasUnit ? memory.substring(0, memory.length() - 1) : memory);
      return switch (hasUnit ? unit : 'b') {
        case 'k' -> Math.max(1, n / 1024);
        case 'm' -> n;
        case 'g' -> n * 1024;
        case 't' -> n * 1024 * 1024;
        default -> Math.max(1, n / (1024 * 1024));
      };
    }
  }

  static SparkSettings of(SparkSpec given, ControllerConfig config, SpecProblems problems) {
    SparkSpec spark = given != null ? given : new SparkSpec();
    int executors = spark.getExecutors() != null ? spark.getExecutors() : Defaults.EXECUTORS;
    atLeastOne(problems, "spec.spark.executors", executors);
    SparkProcess driver = process(problems, "spec.spark.driver", spark.getDriver(),
        Defaults.DRIVER_MEMORY, Defaults.DRIVER_CORES);
    SparkProcess executor = process(problems, "spec.spark.executor", spark.getExecutor(),
        Defaults.EXECUTOR_MEMORY, Defaults.EXECUTOR_CORES);
    Map<String, String> conf = new TreeMap<>(Objects.requireNonNullElse(spark.getConf(),
        Map.of()));
    conf.keySet().forEach(key -> {
      if (!key.startsWith("spark.")) {
        problems.add("spec.spark.conf key '" + key + "' is not a Spark setting (spark.*)");
      } else if (CONTROLLER_OWNED_CONF.contains(key)) {
        problems.add("spec.spark.conf key '" + key + "' is set by the controller; use the"
            + " matching spec field instead (e.g. spec.spark.executors) or remove it");
      }
    });
    SparkSpec.Checkpoint checkpoint = spark.getCheckpoint() != null ? spark.getCheckpoint()
        : new SparkSpec.Checkpoint();
    String checkpointSize = checkpoint.getSize() != null ? checkpoint.getSize()
        : Defaults.CHECKPOINT_SIZE;
    if (!QUANTITY.matcher(checkpointSize).matches()) {
      problems.add("spec.spark.checkpoint.size '" + checkpointSize + "' is not a quantity such as"
          + " 1Gi");
    }
    return new SparkSettings(spark.getImage() != null ? spark.getImage() : config.sparkImage(),
        executors, driver, executor, Map.copyOf(conf), checkpointSize,
        checkpoint.getStorageClassName());
  }

  private static SparkProcess process(SpecProblems problems, String field,
                                      SparkSpec.SparkProcess given, String defaultMemory,
                                      int defaultCores) {
    SparkSpec.SparkProcess p = given != null ? given : new SparkSpec.SparkProcess();
    String memory = p.getMemory() != null ? p.getMemory() : defaultMemory;
    if (!SPARK_MEMORY.matcher(memory).matches()) {
      problems.add(field + ".memory '" + memory + "' is not a Spark memory size such as 1g or"
          + " 512m");
      memory = defaultMemory;
    }
    int cores = p.getCores() != null ? p.getCores() : defaultCores;
    atLeastOne(problems, field + ".cores", cores);
    return new SparkProcess(memory, cores);
  }

  private static void atLeastOne(SpecProblems problems, String field, int value) {
    if (value < 1) {
      problems.add(field + " is " + value + ": it must be at least 1");
    }
  }
}
