package io.crimestream.job.config;

import io.crimestream.kafka.KafkaConnection;
import io.crimestream.options.TopicName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the streaming job is told, validated: one typed place, filled by
 * {@link io.crimestream.job.StreamingJobMain} from arguments and environment, or by the local
 * launcher directly.
 *
 * @param kafka            how to reach Kafka (credentials included: never log this record's parts)
 * @param topic            the topic to read
 * @param months           the months the stream carries, {@code YYYY-MM}; a label for the metrics
 * @param checkpointDir    Spark's offsets and the job's rows and state live under it
 * @param triggerInterval  how often a micro-batch may start (the study: every second)
 * @param maxRowsPerBatch  at most this many records per micro-batch while the job keeps up with
 *                         its topic, and the smallest learning step of a larger one
 * @param maxRowsWhenBehind at most this many records per micro-batch when the job is behind (a
 *                         replay, a restart after an outage), learned in steps that grow with the
 *                         rows learned so far (see the processor's LearningSteps)
 * @param startingOffsets  {@code earliest} or {@code latest}, for a first start without checkpoint
 * @param deadLetterTopic  where rejected records go, or {@code null} for nowhere
 * @param learning         how the job learns and evaluates
 * @param stopGracePeriod  how long a batch in flight may take to complete when the job is asked
 *                         to stop (SIGTERM, Ctrl-C) before it is interrupted and left to be replayed
 * @param predictionsTopic where the predictions go, or {@code null} for no topic
 * @param predictionsFile  a JSON-lines file the predictions go to as well, or {@code null}
 * @param modelsDir        the model registry
 * @param keepVersions     versions kept per model, besides every one that was champion
 * @param initialModels    a saved registry to start from, or {@code null}
 * @param httpAddress      where {@code /metrics} listens
 * @param httpPort         its port (0: any free one), or {@code null} for no HTTP endpoint
 */
public record JobConfig(KafkaConnection kafka, String topic, List<String> months,
                        Path checkpointDir, Duration triggerInterval, int maxRowsPerBatch,
                        int maxRowsWhenBehind, String startingOffsets, String deadLetterTopic, LearningConfig learning,
                        Duration stopGracePeriod, String predictionsTopic, Path predictionsFile,
                        Path modelsDir, int keepVersions, Path initialModels, String httpAddress,
                        Integer httpPort) {

  public JobConfig {
    Objects.requireNonNull(kafka, "kafka");
    TopicName.requireLegal(topic);
    if (deadLetterTopic != null) {
      TopicName.requireLegal(deadLetterTopic);
    }
    if (predictionsTopic != null) {
      TopicName.requireLegal(predictionsTopic);
    }
    Objects.requireNonNull(modelsDir, "modelsDir");
    if (keepVersions < 1) {
      throw new IllegalArgumentException("keep at least 1 version per model, got " + keepVersions);
    }
    Objects.requireNonNull(checkpointDir, "checkpointDir");
    Objects.requireNonNull(learning, "learning");
    months = List.copyOf(months);
    if (triggerInterval.isNegative() || triggerInterval.isZero()) {
      throw new IllegalArgumentException("the trigger interval must be positive, got " + triggerInterval);
    }
    if (maxRowsPerBatch < 1) {
      throw new IllegalArgumentException("at most N rows per batch needs N >= 1, got " + maxRowsPerBatch);
    }
    if (maxRowsWhenBehind < 1) {
      throw new IllegalArgumentException("at most N rows per batch when behind needs N >= 1, got "
          + maxRowsWhenBehind);
    }
    if (stopGracePeriod.isNegative()) {
      throw new IllegalArgumentException("the stop grace period cannot be negative, got " + stopGracePeriod);
    }
    if (!startingOffsets.equals("earliest") && !startingOffsets.equals("latest")) {
      throw new IllegalArgumentException("starting offsets must be earliest or latest, got " + startingOffsets);
    }
  }

  /**
   * Within Kubernetes' default 30 s between SIGTERM and SIGKILL, and Hadoop's 30 s limit on a
   * shutdown hook, with room for stopping the query after the batch.
   */
  public static final Duration DEFAULT_STOP_GRACE_PERIOD = Duration.ofSeconds(20);

  /** A builder with the defaults for everything but where to read and where to checkpoint. */
  public static Builder builder(KafkaConnection kafka, String topic, Path checkpointDir) {
    return new Builder(kafka, topic, checkpointDir);
  }

  /** Fills a {@link JobConfig}; {@link #build()} validates. */
  public static final class Builder {
    private final KafkaConnection kafka;
    private final String topic;
    private final Path checkpointDir;
    private List<String> months = List.of();
    private Duration triggerInterval = Duration.ofSeconds(1);
    private int maxRowsPerBatch = 500;
    private int maxRowsWhenBehind = 500;
    private String startingOffsets = "earliest";
    private String deadLetterTopic;
    private boolean deadLetterTopicSet;
    private LearningConfig learning = LearningConfig.defaults();
    private Duration stopGracePeriod = DEFAULT_STOP_GRACE_PERIOD;
    private String predictionsTopic;
    private boolean predictionsTopicSet;
    private Path predictionsFile;
    private Path modelsDir;
    private int keepVersions = 5;
    private Path initialModels;
    private String httpAddress = "127.0.0.1";
    private Integer httpPort;

    private Builder(KafkaConnection kafka, String topic, Path checkpointDir) {
      this.kafka = kafka;
      this.topic = topic;
      this.checkpointDir = checkpointDir;
    }

    public Builder months(List<String> v) { months = v; return this; }
    public Builder triggerInterval(Duration v) { triggerInterval = v; return this; }
    public Builder maxRowsPerBatch(int v) { maxRowsPerBatch = v; return this; }
    /** The default is {@link #maxRowsPerBatch}: every micro-batch one learning step. */
    public Builder maxRowsWhenBehind(int v) { maxRowsWhenBehind = v; return this; }
    public Builder startingOffsets(String v) { startingOffsets = v; return this; }
    /** {@code null} sends rejected records nowhere; the default is {@code <topic>-dlq}. */
    public Builder deadLetterTopic(String v) { deadLetterTopic = v; deadLetterTopicSet = true; return this; }
    public Builder learning(LearningConfig v) { learning = v; return this; }
    public Builder stopGracePeriod(Duration v) { stopGracePeriod = v; return this; }
    /** {@code null} publishes no predictions to Kafka; the default is {@code <topic>-predictions}. */
    public Builder predictionsTopic(String v) { predictionsTopic = v; predictionsTopicSet = true; return this; }
    public Builder predictionsFile(Path v) { predictionsFile = v; return this; }
    /** The default is {@code <checkpoint-dir>/models}. */
    public Builder modelsDir(Path v) { modelsDir = v; return this; }
    public Builder keepVersions(int v) { keepVersions = v; return this; }
    public Builder initialModels(Path v) { initialModels = v; return this; }
    /** Serves {@code /metrics} on {@code address:port}; none unless asked. */
    public Builder http(String address, Integer port) { httpAddress = address; httpPort = port; return this; }

    public LearningConfig learning() {
      return learning;
    }

    public JobConfig build() {
      return new JobConfig(kafka, topic, months, checkpointDir, triggerInterval, maxRowsPerBatch,
          Math.max(maxRowsPerBatch, maxRowsWhenBehind), startingOffsets, deadLetterTopicSet ? deadLetterTopic : TopicName.deadLetter(topic), learning,
          stopGracePeriod, predictionsTopicSet ? predictionsTopic : TopicName.predictions(topic),
          predictionsFile, modelsDir != null ? modelsDir : checkpointDir.resolve("models"), keepVersions,
          initialModels, httpAddress, httpPort);
    }
  }
}
