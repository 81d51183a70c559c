package io.crimestream.job;

import io.crimestream.job.config.JobConfig;
import io.crimestream.job.config.LearningOptions;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.job.sink.MetricsSink;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.options.CommandLineOptions;
import io.crimestream.options.JobOptions;
import io.crimestream.options.OptionDef;
import io.crimestream.options.OptionValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The streaming job's command line: the program the Spark driver runs, in a pod or on a laptop.
 *
 * <p>Spark settings (master, executors, memory) come the usual way, from {@code spark-submit}
 * or {@code --conf}; without a master the job runs Spark in-process with two cores. Exit status:
 * 0 when the query stops cleanly, 1 when it fails, 2 for invalid options.
 */
@Command(name = "crimestream-job", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = StreamingJobMain.SharedOptions.class,
    description = "Reads crime records from Kafka and retrains arrest classifiers on every micro-batch.")
public final class StreamingJobMain implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(StreamingJobMain.class);
  static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  /** Every option of this program is a shared one: the controller renders them for the driver. */
  static final class SharedOptions implements CommandLine.IModelTransformer {
    static final List<OptionDef<?>> ALL = all();

    private static List<OptionDef<?>> all() {
      List<OptionDef<?>> all = new ArrayList<>(List.of(JobOptions.TOPIC));
      all.addAll(JobOptions.WIRING);
      all.addAll(JobOptions.STREAMING);
      all.addAll(JobOptions.LEARNING);
      all.addAll(JobOptions.SERVING);
      return List.copyOf(all);
    }

    @Override
    public CommandSpec transform(CommandSpec spec) {
      return CommandLineOptions.add(spec, ALL);
    }
  }

  @Spec
  CommandSpec spec;

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
      job.monitoring().ifPresent(m -> LOG.info("metrics: {}/metrics", m.url()));
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
    OptionValues v = CommandLineOptions.values(spec);
    Path checkpointDir = v.get(JobOptions.CHECKPOINT_DIR);
    if (checkpointDir == null) {
      throw new IllegalArgumentException(JobOptions.CHECKPOINT_DIR.flag() + " is required: where"
          + " Spark's offsets and the job's rows and state are kept");
    }
    KafkaConnection kafka = KafkaConnection.fromEnvironment(env, v.get(JobOptions.BOOTSTRAP_SERVERS));
    List<YearMonth> months = v.get(JobOptions.MONTHS);
    JobConfig.Builder b = LearningOptions.applyTo(v,
            JobConfig.builder(kafka, v.get(JobOptions.TOPIC), checkpointDir))
        .months(months == null ? List.of() : months.stream().map(YearMonth::toString).toList())
        .startingOffsets(v.get(JobOptions.STARTING_OFFSETS));
    if (v.get(JobOptions.NO_DEAD_LETTER)) {
      b.deadLetterTopic(null);
    } else if (v.get(JobOptions.DEAD_LETTER_TOPIC) != null) {
      b.deadLetterTopic(v.get(JobOptions.DEAD_LETTER_TOPIC));
    }
    if (v.get(JobOptions.NO_PREDICTIONS)) {
      b.predictionsTopic(null);
    } else if (v.get(JobOptions.PREDICTIONS_TOPIC) != null) {
      b.predictionsTopic(v.get(JobOptions.PREDICTIONS_TOPIC));
    }
    return b.predictionsFile(v.get(JobOptions.PREDICTIONS_FILE))
        .modelsDir(v.get(JobOptions.MODELS_DIR))
        .keepVersions(v.get(JobOptions.KEEP_VERSIONS))
        .initialModels(v.get(JobOptions.INITIAL_MODELS))
        .http(v.get(JobOptions.HTTP_ADDRESS), v.get(JobOptions.HTTP_PORT))
        .build();
  }

  private List<MetricsSink> sinks() throws java.io.IOException {
    List<MetricsSink> sinks = new ArrayList<>();
    Path metricsFile = CommandLineOptions.value(spec, JobOptions.METRICS_FILE);
    String metricsConfigMap = CommandLineOptions.value(spec, JobOptions.METRICS_CONFIG_MAP);
    if (metricsFile != null) {
      sinks.add(new JsonFileMetricsSink(metricsFile));
    }
    if (metricsConfigMap != null) {
      sinks.add(MetricsSinks.configMap(metricsConfigMap, namespace()));
    }
    if (sinks.isEmpty()) {
      throw new IllegalArgumentException("no metrics destination: pass "
          + JobOptions.METRICS_FILE.flag() + " or " + JobOptions.METRICS_CONFIG_MAP.flag());
    }
    return sinks;
  }

  private String namespace() throws java.io.IOException {
    String namespace = CommandLineOptions.value(spec, JobOptions.NAMESPACE);
    if (namespace != null) {
      return namespace;
    }
    if (env.get("POD_NAMESPACE") != null) {
      return env.get("POD_NAMESPACE");
    }
    if (Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)) {
      return Files.readString(SERVICE_ACCOUNT_NAMESPACE).strip();
    }
    throw new IllegalArgumentException(JobOptions.METRICS_CONFIG_MAP.flag() + " needs a namespace: pass "
        + JobOptions.NAMESPACE.flag() + " or set POD_NAMESPACE");
  }
}
