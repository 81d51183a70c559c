package io.crimestream.controller.settings;

import io.crimestream.controller.ControllerConfig;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamName;
import io.crimestream.controller.api.CrimeStreamSpec;
import io.crimestream.controller.api.DatasetSource;
import io.crimestream.controller.api.Defaults;
import io.crimestream.controller.api.KafkaSpec;
import io.crimestream.controller.api.ProducerSpec;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.controller.command.SparkSubmitCommand;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.security.KafkaClientSecurity;
import io.crimestream.options.ModelKind;
import io.crimestream.options.TopicName;
import io.crimestream.options.TrainingWindow;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A CrimeStream's spec with every default applied and every rule checked: what the dependent
 * resources are built from. The CRD schema refuses most bad specs already; this catches the rest
 * (and everything, where no schema validation runs) with messages that name the field.
 */
public record PipelineSettings(
    List<String> months, DatasetSource source,
    String kafkaCluster, String kafkaNamespace, String bootstrapServers,
    KafkaClientSecurity kafkaSecurity,
    String topic, String deadLetterTopic,
    int topicReplicas, boolean deleteTopic,
    String producerImage, double rowsPerSecond, int batchRows, boolean replay,
    int producerBackoffLimit,
    String sparkImage, int executors, String driverMemory, int driverCores,
    String executorMemory, int executorCores, String triggerInterval, Long maxRowsPerBatch,
    Map<String, String> extraSparkConf, String checkpointSize, String checkpointStorageClass,
    List<String> models, String features, String trainingWindow, String metricsConfigMap,
    String imagePullPolicy, List<String> imagePullSecrets) {

  private static final Pattern MONTH = Pattern.compile(Defaults.MONTH_PATTERN);
  private static final Pattern DNS_NAME = Pattern.compile(Defaults.DNS_LABEL_PATTERN);
  private static final Pattern NAMESPACE = Pattern.compile(Defaults.NAMESPACE_PATTERN);
  private static final Pattern SPARK_MEMORY = Pattern.compile(Defaults.SPARK_MEMORY_PATTERN);
  private static final Pattern DURATION = Pattern.compile(Defaults.DURATION_PATTERN);
  private static final Pattern QUANTITY = Pattern.compile(Defaults.QUANTITY_PATTERN);
  private static final Pattern BOOTSTRAP = Pattern.compile("^[^,:\\s]+:[0-9]+(,[^,:\\s]+:[0-9]+)*$");
  private static final Pattern WINDOW = Pattern.compile(TrainingWindow.PATTERN);

  /** Thrown when the spec cannot be run; {@link #problems()} says why, one line per field. */
  public static final class InvalidSpecException extends Exception {
    private final List<String> problems;

    public InvalidSpecException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  public static PipelineSettings of(CrimeStream cs, ControllerConfig config)
      throws InvalidSpecException {
    List<String> problems = new ArrayList<>();
    // the CRD refuses these names already; an API server without CEL validation does not
    problems.addAll(CrimeStreamName.problems(cs.getMetadata().getName()));
    CrimeStreamSpec spec = cs.getSpec();
    if (spec == null) {
      throw new InvalidSpecException(List.of("spec is missing: set at least spec.months,"
          + " spec.source and spec.kafka.cluster"));
    }
    List<String> months = months(spec.getMonths(), problems);
    checkSource(spec.getSource(), problems);

    KafkaSpec kafka = Optional.ofNullable(spec.getKafka()).orElseGet(KafkaSpec::new);
    String cluster = kafka.getCluster();
    if (cluster == null || !DNS_NAME.matcher(cluster).matches()) {
      problems.add("spec.kafka.cluster " + (cluster == null ? "is missing" : "'" + cluster
          + "' is not a Kubernetes name") + ": name the Strimzi Kafka cluster, e.g. my-cluster");
    }
    String topic = or(kafka.getTopic(), Defaults.TOPIC);
    String topicProblem = TopicName.problem(topic);
    if (topicProblem != null) {
      problems.add("spec.kafka.topic: " + topicProblem);
    }
    String kafkaNamespace = kafkaNamespace(kafka, cs, config, problems);
    KafkaClientSecurity security = KafkaClientSecurity.of(kafka, cluster, problems);
    // fully qualified: the CrimeStream's pods may run in another namespace than the cluster
    String bootstrap = kafka.getBootstrapServers() != null ? kafka.getBootstrapServers()
        : cluster + "-kafka-bootstrap." + kafkaNamespace + ".svc:"
            + (security.tls() ? Defaults.KAFKA_TLS_BOOTSTRAP_PORT : Defaults.KAFKA_BOOTSTRAP_PORT);
    if (kafka.getBootstrapServers() != null && !BOOTSTRAP.matcher(bootstrap).matches()) {
      problems.add("spec.kafka.bootstrapServers '" + bootstrap
          + "' must be host:port[,host:port], e.g. my-cluster-kafka-bootstrap:9092");
    }
    int replicas = or(kafka.getReplicas(), Defaults.TOPIC_REPLICAS);
    atLeast(problems, "spec.kafka.replicas", replicas, 1);

    ProducerSpec producer = Optional.ofNullable(spec.getProducer()).orElseGet(ProducerSpec::new);
    double rowsPerSecond = or(producer.getRowsPerSecond(), Defaults.ROWS_PER_SECOND);
    if (!(rowsPerSecond > 0)) {
      problems.add("spec.producer.rowsPerSecond must be more than 0 (use replay: true to send as"
          + " fast as possible)");
    }
    int batchRows = or(producer.getBatchRows(), Defaults.BATCH_ROWS);
    atLeast(problems, "spec.producer.batchRows", batchRows, 1);
    int backoffLimit = or(producer.getBackoffLimit(), Defaults.PRODUCER_BACKOFF_LIMIT);
    atLeast(problems, "spec.producer.backoffLimit", backoffLimit, 0);

    SparkSpec spark = Optional.ofNullable(spec.getSpark()).orElseGet(SparkSpec::new);
    int executors = or(spark.getExecutors(), Defaults.EXECUTORS);
    atLeast(problems, "spec.spark.executors", executors, 1);
    SparkSpec.SparkProcess driver = Optional.ofNullable(spark.getDriver())
        .orElseGet(SparkSpec.SparkProcess::new);
    SparkSpec.SparkProcess executor = Optional.ofNullable(spark.getExecutor())
        .orElseGet(SparkSpec.SparkProcess::new);
    String driverMemory = memory(problems, "spec.spark.driver.memory", driver.getMemory(),
        Defaults.DRIVER_MEMORY);
    String executorMemory = memory(problems, "spec.spark.executor.memory", executor.getMemory(),
        Defaults.EXECUTOR_MEMORY);
    int driverCores = or(driver.getCores(), Defaults.DRIVER_CORES);
    atLeast(problems, "spec.spark.driver.cores", driverCores, 1);
    int executorCores = or(executor.getCores(), Defaults.EXECUTOR_CORES);
    atLeast(problems, "spec.spark.executor.cores", executorCores, 1);
    String trigger = or(spark.getTriggerInterval(), Defaults.TRIGGER_INTERVAL);
    if (!DURATION.matcher(trigger).matches()) {
      problems.add("spec.spark.triggerInterval '" + trigger + "' is not a duration such as 1s or"
          + " 500ms");
    }
    if (spark.getMaxRowsPerBatch() != null) {
      atLeast(problems, "spec.spark.maxRowsPerBatch", spark.getMaxRowsPerBatch(), 1);
    }
    Map<String, String> conf = new LinkedHashMap<>(Objects.requireNonNullElse(spark.getConf(),
        Map.of()));
    conf.keySet().forEach(key -> {
      if (!key.startsWith("spark.")) {
        problems.add("spec.spark.conf key '" + key + "' is not a Spark setting (spark.*)");
      } else if (SparkSubmitCommand.CONTROLLER_OWNED_CONF.contains(key)) {
        problems.add("spec.spark.conf key '" + key + "' is set by the controller; use the"
            + " matching spec field instead (e.g. spec.spark.executors) or remove it");
      }
    });
    SparkSpec.Checkpoint checkpoint = Optional.ofNullable(spark.getCheckpoint())
        .orElseGet(SparkSpec.Checkpoint::new);
    String checkpointSize = or(checkpoint.getSize(), Defaults.CHECKPOINT_SIZE);
    if (!QUANTITY.matcher(checkpointSize).matches()) {
      problems.add("spec.spark.checkpoint.size '" + checkpointSize + "' is not a quantity such as"
          + " 1Gi");
    }

    // models, features and the window: absent means the streaming job's own defaults
    List<String> models = spec.getModels() == null ? null : List.copyOf(spec.getModels());
    if (models != null && models.isEmpty()) {
      problems.add("spec.models is empty: name at least one of " + ModelKind.ids()
          + ", or leave it out for " + ModelKind.render(ModelKind.STUDY));
    }
    Objects.requireNonNullElse(models, List.<String>of()).stream()
        .filter(m -> !ModelKind.ids().contains(m)).forEach(m ->
        problems.add("spec.models: '" + m + "' is not a model; choose from " + ModelKind.ids()));
    String features = spec.getFeatures();
    if (features != null && !features.equals("study") && !features.equals("improved")) {
      problems.add("spec.features '" + features + "' is neither study nor improved");
    }
    String window = spec.getTrainingWindow();
    if (window != null && !WINDOW.matcher(window).matches()) {
      problems.add("spec.trainingWindow '" + window + "' is not all, last:N or reservoir:N");
    }
    String metricsConfigMap = ResourceNames.metricsConfigMap(cs);
    if (!DNS_NAME.matcher(metricsConfigMap).matches()) {
      problems.add("spec.metricsConfigMap '" + metricsConfigMap + "' is not a Kubernetes name");
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    String deadLetterTopic = Boolean.FALSE.equals(kafka.getDeadLetter()) ? null
        : TopicName.deadLetter(topic);
    if (deadLetterTopic != null && TopicName.problem(deadLetterTopic) != null) {
      throw new InvalidSpecException(List.of("spec.kafka.topic: the dead-letter topic "
          + deadLetterTopic + " is too long; shorten the topic or set spec.kafka.deadLetter: false"));
    }
    return new PipelineSettings(months, spec.getSource(), cluster, kafkaNamespace, bootstrap,
        security, topic,
        deadLetterTopic, replicas,
        Boolean.TRUE.equals(kafka.getDeleteTopic()),
        or(producer.getImage(), config.producerImage()), rowsPerSecond, batchRows,
        Boolean.TRUE.equals(producer.getReplay()), backoffLimit,
        or(spark.getImage(), config.sparkImage()), executors, driverMemory, driverCores,
        executorMemory, executorCores, trigger, spark.getMaxRowsPerBatch(), Map.copyOf(conf),
        checkpointSize, checkpoint.getStorageClassName(), models, features, window,
        metricsConfigMap, config.imagePullPolicy(), config.imagePullSecrets());
  }

  /**
   * Where the KafkaTopics go: spec.kafka.namespace, by default the CrimeStream's own; one the
   * controller is allowed to write KafkaTopics in.
   */
  private static String kafkaNamespace(KafkaSpec kafka, CrimeStream cs, ControllerConfig config,
                                       List<String> problems) {
    String own = cs.getMetadata().getNamespace();
    String namespace = kafka.getNamespace() != null ? kafka.getNamespace() : own;
    if (!NAMESPACE.matcher(namespace).matches() || namespace.length() > 63) {
      problems.add("spec.kafka.namespace '" + namespace + "' is not a namespace name (lowercase"
          + " letters, digits and '-', at most 63 characters)");
    } else if (!config.reachesTopicsIn(namespace)) {
      problems.add("spec.kafka.namespace '" + namespace + "': the controller may write"
          + " KafkaTopics only in " + String.join(", ", config.topicNamespaces())
          + "; add " + namespace + " to the chart's controller.kafkaNamespaces (helm upgrade), or"
          + " name one of those");
    }
    return namespace;
  }

  /** The months in time order, each once. */
  private static List<String> months(List<String> given, List<String> problems) {
    if (given == null || given.isEmpty()) {
      problems.add("spec.months is empty: list at least one month as YYYY-MM, e.g. 2016-05");
      return List.of();
    }
    TreeSet<String> months = new TreeSet<>();
    for (int i = 0; i < given.size(); i++) {
      String m = given.get(i);
      if (m == null || !MONTH.matcher(m).matches()) {
        problems.add("spec.months[" + i + "] '" + m + "' is not a month: write YYYY-MM, e.g."
            + " 2016-05");
      } else if (!months.add(m)) {
        problems.add("spec.months lists " + m + " twice");
      }
    }
    return List.copyOf(months);
  }

  private static void checkSource(DatasetSource source, List<String> problems) {
    if (source == null) {
      problems.add("spec.source is missing: set one of url, hostPath, configMap,"
          + " persistentVolumeClaim or cityApi");
      return;
    }
    long set = List.of(source.getUrl() != null, source.getHostPath() != null,
            source.getConfigMap() != null, source.getPersistentVolumeClaim() != null,
            Boolean.TRUE.equals(source.getCityApi()))
        .stream().filter(b -> b).count();
    if (set != 1) {
      problems.add("spec.source sets " + set + " sources: set exactly one of url, hostPath,"
          + " configMap, persistentVolumeClaim or cityApi");
    }
    if (source.getUrl() != null && !source.getUrl().matches("^https?://.+")) {
      problems.add("spec.source.url '" + source.getUrl() + "' is not an http(s) URL");
    }
    if (source.getHostPath() != null && (source.getHostPath().getPath() == null
        || !source.getHostPath().getPath().matches("^/.*[^/]$"))) {
      problems.add("spec.source.hostPath.path must be the absolute path of a file on the node");
    }
    if (source.getConfigMap() != null && (source.getConfigMap().getName() == null
        || source.getConfigMap().getKey() == null)) {
      problems.add("spec.source.configMap needs name and key");
    }
    if (source.getPersistentVolumeClaim() != null
        && (source.getPersistentVolumeClaim().getClaimName() == null
        || source.getPersistentVolumeClaim().getPath() == null
        || source.getPersistentVolumeClaim().getPath().startsWith("/"))) {
      problems.add("spec.source.persistentVolumeClaim needs claimName and a path relative to the"
          + " volume's root");
    }
  }

  private static String memory(List<String> problems, String field, String value, String dflt) {
    String memory = or(value, dflt);
    if (!SPARK_MEMORY.matcher(memory).matches()) {
      problems.add(field + " '" + memory + "' is not a Spark memory size such as 1g or 512m");
    }
    return memory;
  }

  private static void atLeast(List<String> problems, String field, long value, long min) {
    if (value < min) {
      problems.add(field + " is " + value + ": it must be at least " + min);
    }
  }

  private static <T> T or(T value, T dflt) {
    return value != null ? value : dflt;
  }

  /** The topics the controller creates: the stream's and, if enabled, the dead-letter one. */
  public List<String> topics() {
    return deadLetterTopic == null ? List.of(topic) : List.of(topic, deadLetterTopic);
  }

  /** The pods' imagePullSecrets. */
  public List<LocalObjectReference> imagePullSecretReferences() {
    return imagePullSecrets.stream().map(LocalObjectReference::new).toList();
  }

  /** {@code rowsPerSecond} as the producer's option takes it: no {@code .0} on whole numbers. */
  public String rowsPerSecondArgument() {
    return rowsPerSecond == Math.rint(rowsPerSecond) ? Long.toString((long) rowsPerSecond)
        : Double.toString(rowsPerSecond);
  }

  public static long mebibytes(String sparkMemory) {
    char unit = Character.toLowerCase(sparkMemory.charAt(sparkMemory.length() - 1));
    boolean hasUnit = Character.isLetter(unit);
    long n = Long.parseLong(hasUnit ? sparkMemory.substring(0, sparkMemory.length() - 1)
        : sparkMemory);
    return switch (hasUnit ? unit : 'b') {
      case 'k' -> Math.max(1, n / 1024);
      case 'm' -> n;
      case 'g' -> n * 1024;
      case 't' -> n * 1024 * 1024;
      default -> Math.max(1, n / (1024 * 1024));
    };
  }
}
