package io.crimestream.job;

import io.crimestream.job.config.JobConfig;
import io.crimestream.job.features.FeatureSet;
import io.crimestream.job.model.ModelKind;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.job.sink.MetricsSink;
import io.crimestream.job.store.WindowPolicy;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.TopicName;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The streaming job's command line: the program the Spark driver runs, in a pod or on a laptop.
 *
 * <p>Spark settings (master, executors, memory) come the usual way, from {@code spark-submit}
 * or {@code --conf}; without a master the job runs Spark in-process with two cores. Exit status:
 * 0 when the query stops cleanly, 1 when it fails, 2 for invalid options.
 */
@Command(name = "crimestream-job", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Reads crime records from Kafka and retrains arrest classifiers on every micro-batch.")
public final class StreamingJobMain implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(StreamingJobMain.class);
  static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  @Option(names = "--topic", defaultValue = TopicName.DEFAULT, description = "Kafka topic to read (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers; else $KAFKA_BOOTSTRAP_SERVERS.")
  String bootstrapServers;

  @Option(names = "--months", split = ",", description = "The months the stream carries (YYYY-MM), as a label in the metrics.")
  List<String> months = new ArrayList<>();

  @Option(names = "--checkpoint-dir", required = true, description = "Where Spark's offsets and the job's rows and state are kept.")
  Path checkpointDir;

  @Option(names = "--metrics-file", description = "Write metrics.json here after every batch.")
  Path metricsFile;

  @Option(names = "--metrics-configmap", description = "Write the metrics to this ConfigMap after every batch.")
  String metricsConfigMap;

  @Option(names = "--namespace", description = "Namespace of the metrics ConfigMap; else $POD_NAMESPACE, else the pod's service account namespace.")
  String namespace;

  @Option(names = "--trigger-interval", defaultValue = "1s", description = "How often a micro-batch may start, e.g. 1s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
  String triggerInterval;

  @Option(names = "--models", defaultValue = "logistic_regression,decision_tree,random_forest",
      description = "Comma-separated models to train: logistic_regression, decision_tree, random_forest, gradient_boosted_trees (default: ${DEFAULT-VALUE}).")
  String models;

  @Option(names = "--features", defaultValue = "improved", description = "Feature set: study or improved (default: ${DEFAULT-VALUE}).")
  String features;

  @Option(names = "--training-window", description = "all, last:N or reservoir:N (default: " + "last:100000" + ").")
  String trainingWindow;

  @Option(names = "--max-rows-per-batch", defaultValue = "20000", description = "At most this many records per micro-batch (default: ${DEFAULT-VALUE}).")
  int maxRowsPerBatch;

  @Option(names = "--starting-offsets", defaultValue = "earliest", description = "earliest or latest, for a first start without checkpoint (default: ${DEFAULT-VALUE}).")
  String startingOffsets;

  @Option(names = "--decision-threshold", defaultValue = "0.5", description = "Score from which a row counts as a predicted arrest (default: ${DEFAULT-VALUE}).")
  double decisionThreshold;

  @Option(names = "--exclude-arrest-recorded-types", description = "Leave out the primary types recorded mostly at an arrest (narcotics, prostitution, ...).")
  boolean excludeArrestRecordedTypes;

  @Option(names = "--dead-letter-topic", description = "Topic for rejected records (default: <topic>-dlq).")
  String deadLetterTopic;

  @Option(names = "--no-dead-letter", description = "Only count rejected records; send them nowhere.")
  boolean noDeadLetter;

  private final Map<String, String> env;

  StreamingJobMain(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv()));
  }

  /** Runs the job until its query stops; returns the exit status. */
  public static int run(String[] args, Map<String, String> env) {
    CommandLine cli = new CommandLine(new StreamingJobMain(env));
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("crimestream-job: " + e.getMessage());
      e.getCommandLine().getErr().println("Try --help for the options.");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof IllegalArgumentException) {
        commandLine.getErr().println("crimestream-job: " + e.getMessage());
        return 2;
      }
      LOG.error("the streaming job failed", e);
      return 1;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    JobConfig config = config();
    List<MetricsSink> sinks = sinks();
    SparkSession spark = SparkSessions.getOrCreate("crimestream-" + config.topic());
    LOG.info("reading {} from {}; features {}, models {}, window {}; checkpoint {}; metrics to {}",
        config.topic(), config.kafka(), config.features().id(), config.models(), config.window(),
        config.checkpointDir(), sinks);
    try (StreamingJob job = StreamingJob.start(spark, config, sinks, outcome -> {})) {
      Runtime.getRuntime().addShutdownHook(new Thread(job::stop, "crimestream-job-stop"));
      job.awaitTermination();
    }
    return 0;
  }

  JobConfig config() {
    KafkaConnection kafka = KafkaConnection.fromEnvironment(env, bootstrapServers);
    Duration interval = parseDuration("--trigger-interval", triggerInterval);
    JobConfig.Builder b = JobConfig.builder(kafka, topic, checkpointDir)
        .months(months)
        .triggerInterval(interval)
        .maxRowsPerBatch(maxRowsPerBatch)
        .startingOffsets(startingOffsets)
        .features(FeatureSet.parse(features))
        .models(ModelKind.parseList(models))
        .decisionThreshold(decisionThreshold)
        .excludeArrestRecordedTypes(excludeArrestRecordedTypes);
    if (trainingWindow != null) {
      b.window(WindowPolicy.parse(trainingWindow));
    }
    if (noDeadLetter) {
      b.deadLetterTopic(null);
    } else if (deadLetterTopic != null) {
      b.deadLetterTopic(deadLetterTopic);
    }
    return b.build();
  }

  private List<MetricsSink> sinks() throws java.io.IOException {
    List<MetricsSink> sinks = new ArrayList<>();
    if (metricsFile != null) {
      sinks.add(new JsonFileMetricsSink(metricsFile));
    }
    if (metricsConfigMap != null) {
      sinks.add(MetricsSinks.configMap(metricsConfigMap, namespace()));
    }
    if (sinks.isEmpty()) {
      throw new IllegalArgumentException("no metrics destination: pass --metrics-file or --metrics-configmap");
    }
    return sinks;
  }

  private String namespace() throws java.io.IOException {
    if (namespace != null) {
      return namespace;
    }
    if (env.get("POD_NAMESPACE") != null) {
      return env.get("POD_NAMESPACE");
    }
    if (Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)) {
      return Files.readString(SERVICE_ACCOUNT_NAMESPACE).strip();
    }
    throw new IllegalArgumentException("--metrics-configmap needs a namespace: pass --namespace or set POD_NAMESPACE");
  }

  /** {@code 1s}, {@code 500ms}, {@code 2m}, or ISO-8601 ({@code PT1S}). */
  static Duration parseDuration(String option, String text) {
    String s = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      }
      if (s.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
      }
      if (s.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
      }
      return Duration.parse(text.strip());
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(option + " '" + text + "' is not a duration such as 1s, 500ms or 2m");
    }
  }
}
