package io.crimestream.job;

import io.crimestream.job.config.JobConfig;
import io.crimestream.job.config.JobOptions;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.job.sink.MetricsSink;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.TopicName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin
  JobOptions learning = new JobOptions();

  @Option(names = "--starting-offsets", defaultValue = "earliest", description = "earliest or latest, for a first start without checkpoint (default: ${DEFAULT-VALUE}).")
  String startingOffsets;

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
    LOG.info("reading {} from {}; {}; checkpoint {}; metrics to {}", config.topic(), config.kafka(),
        config.learning(), config.checkpointDir(), sinks);
    try (StreamingJob job = StreamingJob.start(spark, config, sinks, outcome -> {})) {
      // SIGTERM (Kubernetes, kill) or Ctrl-C: the batch in flight completes, or runs again after
      // a restart; the JVM then exits with 143 or 130
      Object hook = GracefulShutdown.onShutdown("crimestream-job-stop", () -> {
        LOG.info("asked to stop: the batch in flight, if any, may complete within {}",
            config.stopGracePeriod());
        boolean completed = job.stopGracefully(config.stopGracePeriod());
        LOG.info(completed ? "stopped; every completed batch is in the metrics and the checkpoint"
            : "stopped; the batch in flight did not complete in time and runs again on restart");
      });
      job.awaitTermination();
      GracefulShutdown.cancel(hook);
    }
    return 0;
  }

  JobConfig config() {
    KafkaConnection kafka = KafkaConnection.fromEnvironment(env, bootstrapServers);
    JobConfig.Builder b = learning.applyTo(JobConfig.builder(kafka, topic, checkpointDir))
        .months(months)
        .startingOffsets(startingOffsets);
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
}
