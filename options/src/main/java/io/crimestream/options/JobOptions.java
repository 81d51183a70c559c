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
      "N", "500", "At most this many records per micro-batch while the job keeps up with its"
          + " topic, and the smallest learning step of a larger one (see --max-rows-when-behind).",
      Counts.between(1, MAX_ROWS_PER_BATCH_LIMIT), n -> Integer.toString(n), null);

  public static final OptionDef<Integer> MAX_ROWS_WHEN_BEHIND = new OptionDef<>("--max-rows-when-behind",
      "N", "20000", "When the job is behind its topic (a replay, a restart after an outage), a"
          + " micro-batch takes up to this many records and learns them in steps of at least"
          + " --max-rows-per-batch rows, growing to a tenth of the rows learned so far, so that it"
          + " catches up retraining less often; a job that keeps up still learns every batch. Set"
          + " it to --max-rows-per-batch to learn every batch of that size.",
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

  public static final int CHAMPION_WINDOW_LIMIT = 1000;
  public static final OptionDef<Integer> CHAMPION_WINDOW = new OptionDef<>("--champion-window", "K", "5",
      "The champion is the model with the best prequential AUC over the last K batches; a rollback"
          + " compares the champion's versions over as many.",
      Counts.between(1, CHAMPION_WINDOW_LIMIT), n -> Integer.toString(n), null);

  /** A share of AUC: a decimal from 0 to 1 with at most four decimals (for the CRD too). */
  public static final String MARGIN_PATTERN = "^(0|1|0?\\.[0-9]{1,4})$";
  public static final OptionDef<Double> CHAMPION_MARGIN = new OptionDef<>("--champion-margin", "AUC",
      "0.005", "How much better a challenger's AUC must be, for --champion-lead-batches batches in a"
          + " row, to replace the champion.", Counts.decimal(MARGIN_PATTERN, "a share of AUC from 0"
          + " to 1 with at most four decimals, e.g. 0.005"), Counts::render, MARGIN_PATTERN);

  public static final OptionDef<Integer> CHAMPION_LEAD_BATCHES = new OptionDef<>("--champion-lead-batches",
      "M", "3", "Batches in a row a challenger must lead by --champion-margin to become champion.",
      Counts.between(1, CHAMPION_WINDOW_LIMIT), n -> Integer.toString(n), null);

  public static final OptionDef<Double> DRIFT_DELTA = new OptionDef<>("--drift-delta", "RATE", "0.01",
      "Drift detection (Page-Hinkley): changes of the arrest rate or a model's error rate smaller than"
          + " this are tolerated.", Counts.decimal(MARGIN_PATTERN, "a rate from 0 to 1 with at most"
          + " four decimals, e.g. 0.01"), Counts::render, MARGIN_PATTERN);

  public static final int DRIFT_THRESHOLD_LIMIT = 100_000;
  public static final OptionDef<Integer> DRIFT_THRESHOLD = new OptionDef<>("--drift-threshold", "N", "50",
      "Drift detection: the Page-Hinkley statistic (a cumulative deviation, in rows) above which a"
          + " change is detected.", Counts.between(1, DRIFT_THRESHOLD_LIMIT), n -> Integer.toString(n), null);

  public static final OptionDef<Integer> DRIFT_MIN_ROWS = new OptionDef<>("--drift-min-rows", "N", "100",
      "Drift detection: rows a detector sees before it may detect.",
      Counts.between(1, DRIFT_THRESHOLD_LIMIT), n -> Integer.toString(n), null);

  /** What a detected drift does. */
  public enum OnDrift { REPORT, RESET_WINDOW }

  public static final String ON_DRIFT_PATTERN = "^(report|reset-window)$";
  public static final OptionDef<OnDrift> ON_DRIFT = new OptionDef<>("--on-drift", "report|reset-window",
      "report", "What a detected drift does: only report it, or also restart the training window at"
          + " the change point.", s -> switch (s) {
            case "report" -> OnDrift.REPORT;
            case "reset-window" -> OnDrift.RESET_WINDOW;
            default -> throw new IllegalArgumentException("'" + s + "' is neither report nor reset-window");
          }, d -> d == OnDrift.REPORT ? "report" : "reset-window", ON_DRIFT_PATTERN);

  /** How the job learns: what every command that runs the job's processor takes. */
  public static final List<OptionDef<?>> LEARNING = List.of(MODELS, FEATURES, TRAINING_WINDOW,
      DECISION_THRESHOLD, EXCLUDE_ARREST_RECORDED_TYPES, CHAMPION_WINDOW, CHAMPION_MARGIN,
      CHAMPION_LEAD_BATCHES, DRIFT_DELTA, DRIFT_THRESHOLD, DRIFT_MIN_ROWS, ON_DRIFT);

  /** How the stream is cut into batches and stopped: the job's and the local run's. */
  public static final List<OptionDef<?>> STREAMING = List.of(TRIGGER_INTERVAL, MAX_ROWS_PER_BATCH,
      MAX_ROWS_WHEN_BEHIND, STOP_GRACE_PERIOD);

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

  public static final OptionDef<String> PREDICTIONS_TOPIC = new OptionDef<>("--predictions-topic",
      "NAME", null, "Topic the predictions go to (default: <topic>-predictions).", TopicName::requireLegal,
      t -> t, TopicName.PATTERN);

  public static final OptionDef<Boolean> NO_PREDICTIONS = Flags.flag("--no-predictions",
      "Publish no predictions to Kafka (a predictions file still gets them).");

  public static final OptionDef<Path> PREDICTIONS_FILE = new OptionDef<>("--predictions-file", "FILE", null,
      "Also write every prediction here, one JSON object per line.", Path::of, Path::toString, null);

  public static final OptionDef<Path> MODELS_DIR = new OptionDef<>("--models-dir", "DIR", null,
      "The model registry: every batch's models and registry.json (default: <checkpoint-dir>/models).",
      Path::of, Path::toString, null);

  public static final int KEEP_VERSIONS_LIMIT = 1000;
  public static final OptionDef<Integer> KEEP_VERSIONS = new OptionDef<>("--keep-versions", "N", "5",
      "Versions kept per model in the registry, besides every version that was champion.",
      Counts.between(1, KEEP_VERSIONS_LIMIT), n -> Integer.toString(n), null);

  public static final OptionDef<Path> INITIAL_MODELS = new OptionDef<>("--initial-models", "DIR", null,
      "Start from the models of a saved registry (another run's models folder): they score the first"
          + " batches.", Path::of, Path::toString, null);

  /** Where the job program reads and writes. */
  // ---- serving: the job's HTTP endpoint (/metrics for Prometheus, /healthz, the dashboard at /) ----

  public static final OptionDef<String> HTTP_ADDRESS = new OptionDef<>("--http-address", "ADDRESS", "0.0.0.0",
      "The address /metrics, /healthz and the dashboard (/) listen on: 0.0.0.0 for every interface (a pod),"
          + " 127.0.0.1 for this machine only.", s -> {
            if (s.isBlank() || !s.matches("[0-9A-Za-z.:\\-\\[\\]]+")) {
              throw new IllegalArgumentException("'" + s + "' is not an IP address or host name");
            }
            return s;
          }, s -> s, "^[0-9A-Za-z.:\\-\\[\\]]+$");

  public static final int PORT_LIMIT = 65_535;
  public static final OptionDef<Integer> HTTP_PORT = new OptionDef<>("--http-port", "PORT", "9464",
      "The port of /metrics (Prometheus text format), /healthz and the dashboard (/); 0 for any free port"
          + " (printed at start).",
      Counts.between(0, PORT_LIMIT), n -> Integer.toString(n), null);

  /** Where the job serves its metrics: the driver's and the local run's. */
  public static final List<OptionDef<?>> SERVING = List.of(HTTP_ADDRESS, HTTP_PORT);

  public static final List<OptionDef<?>> WIRING = List.of(BOOTSTRAP_SERVERS, MONTHS, CHECKPOINT_DIR,
      METRICS_FILE, METRICS_CONFIG_MAP, NAMESPACE, STARTING_OFFSETS, DEAD_LETTER_TOPIC, NO_DEAD_LETTER,
      PREDICTIONS_TOPIC, NO_PREDICTIONS, PREDICTIONS_FILE, MODELS_DIR, KEEP_VERSIONS, INITIAL_MODELS);
}
