package io.crimestream.options;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The streaming job's options: how it learns (shared by the job, {@code ./crimestream local},
 * {@code report} and {@code bench}), and how it is wired to Kafka and its outputs (the
 * controller renders the driver's arguments from these).
 */
public final class JobOptions {

  private JobOptions() {}

  public static final OptionDef<String> TOPIC = new OptionDef<>("--topic", "NAME", TopicName.DEFAULT,
      "The Kafka topic; Kafka's legal characters only (crimenes for the study's crímenes).",
      TopicName::requireLegal, t -> t, TopicName.PATTERN);

  public static final OptionDef<Duration> TRIGGER_INTERVAL = new OptionDef<>("--trigger-interval",
      "DURATION", "1s", "How often a micro-batch may start, e.g. 1s, 500ms, 2m.",
      Durations::parsePositive, Durations::render, Durations.POSITIVE_PATTERN);

  public static final int MAX_ROWS_PER_BATCH_LIMIT = 10_000_000;
  public static final OptionDef<Integer> MAX_ROWS_PER_BATCH = new OptionDef<>("--max-rows-per-batch",
      "N", "500", "At most this many records per micro-batch, so that a replay still learns batch"
          + " after batch; raise it to replay long periods faster.",
      Counts.between(1, MAX_ROWS_PER_BATCH_LIMIT), n -> Integer.toString(n), null);

  public static final OptionDef<List<ModelKind>> MODELS = new OptionDef<>("--models",
      "MODEL[,MODEL...]", ModelKind.render(ModelKind.STUDY), "The models to retrain every batch: "
          + String.join(", ", ModelKind.ids()) + ".",
      ModelKind::parseList, ModelKind::render, null);

  public static final OptionDef<FeatureSet> FEATURES = new OptionDef<>("--features", "study|improved",
      "improved", "The feature set: the study's, or the improved one (see the README's Models).",
      FeatureSet::parse, FeatureSet::id, FeatureSet.PATTERN);

  public static final OptionDef<TrainingWindow> TRAINING_WINDOW = new OptionDef<>("--training-window",
      "all|last:N|reservoir:N", TrainingWindow.DEFAULT.toString(),
      "Which accumulated rows the models train on.", TrainingWindow::parse, TrainingWindow::toString,
      TrainingWindow.PATTERN);

  public static final OptionDef<DecisionThreshold> DECISION_THRESHOLD = new OptionDef<>(
      "--decision-threshold", "P|f1", "0.5", "Score from which a row counts as a predicted arrest, or"
          + " f1 to tune it per model on past unseen rows for F1 of the arrest class.",
      DecisionThreshold::parse, DecisionThreshold::render, DecisionThreshold.PATTERN);

  public static final OptionDef<Boolean> EXCLUDE_ARREST_RECORDED_TYPES = Flags.flag(
      "--exclude-arrest-recorded-types",
      "Leave out the primary types recorded mostly at an arrest (narcotics, prostitution, ...).");

  public static final OptionDef<Duration> STOP_GRACE_PERIOD = new OptionDef<>("--stop-grace-period",
      "DURATION", "20s", "When asked to stop (SIGTERM, Ctrl-C), how long the batch in flight may take"
          + " to complete before it is interrupted and left to be replayed.",
      Durations::parse, Durations::render, Durations.PATTERN);

  /** How the job learns: what every command that runs the job's processor takes. */
  public static final List<OptionDef<?>> LEARNING = List.of(MODELS, FEATURES, TRAINING_WINDOW,
      DECISION_THRESHOLD, EXCLUDE_ARREST_RECORDED_TYPES);

  /** How the stream is cut into batches and stopped: the job's and the local run's. */
  public static final List<OptionDef<?>> STREAMING = List.of(TRIGGER_INTERVAL, MAX_ROWS_PER_BATCH,
      STOP_GRACE_PERIOD);

  // ---- wiring: where the job reads and writes (the controller renders these for the driver) ----

  public static final OptionDef<String> BOOTSTRAP_SERVERS = new OptionDef<>("--bootstrap-servers",
      "HOST:PORT[,...]", null, "Kafka's bootstrap servers; else $KAFKA_BOOTSTRAP_SERVERS.",
      s -> s, s -> s, null);

  public static final OptionDef<List<java.time.YearMonth>> MONTHS = new OptionDef<>("--months",
      "YYYY-MM[,...]", null, "The months the stream carries, a label in the metrics.",
      Months::parseList, Months::render, null);

  public static final OptionDef<Path> CHECKPOINT_DIR = new OptionDef<>("--checkpoint-dir", "DIR", null,
      "Where Spark's offsets and the job's rows and state are kept.", Path::of, Path::toString, null);

  public static final OptionDef<Path> METRICS_FILE = new OptionDef<>("--metrics-file", "FILE", null,
      "Write metrics.json here after every batch.", Path::of, Path::toString, null);

  public static final OptionDef<String> METRICS_CONFIG_MAP = new OptionDef<>("--metrics-configmap",
      "NAME", null, "Write the metrics to this ConfigMap after every batch.", s -> s, s -> s, null);

  public static final OptionDef<String> NAMESPACE = new OptionDef<>("--namespace", "NAMESPACE", null,
      "Namespace of the metrics ConfigMap; else $POD_NAMESPACE, else the pod's service account's.",
      s -> s, s -> s, null);

  public static final OptionDef<String> STARTING_OFFSETS = new OptionDef<>("--starting-offsets",
      "earliest|latest", "earliest", "Where a first start without checkpoint begins reading.",
      s -> {
        if (!s.equals("earliest") && !s.equals("latest")) {
          throw new IllegalArgumentException("'" + s + "' is neither earliest nor latest");
        }
        return s;
      }, s -> s, "^(earliest|latest)$");

  public static final OptionDef<String> DEAD_LETTER_TOPIC = new OptionDef<>("--dead-letter-topic",
      "NAME", null, "Topic for rejected records (default: <topic>-dlq).", TopicName::requireLegal,
      t -> t, TopicName.PATTERN);

  public static final OptionDef<Boolean> NO_DEAD_LETTER = Flags.flag("--no-dead-letter",
      "Only count rejected records; send them nowhere.");

  /** Where the job program reads and writes. */
  public static final List<OptionDef<?>> WIRING = List.of(BOOTSTRAP_SERVERS, MONTHS, CHECKPOINT_DIR,
      METRICS_FILE, METRICS_CONFIG_MAP, NAMESPACE, STARTING_OFFSETS, DEAD_LETTER_TOPIC, NO_DEAD_LETTER);
}
