package io.crimestream.job.config;

import io.crimestream.job.features.FeatureSet;
import io.crimestream.job.model.ModelKind;
import io.crimestream.job.model.ModelOptions;
import io.crimestream.job.store.WindowPolicy;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.TopicName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the streaming job is told, validated: one typed place, filled by
 * {@link io.crimestream.job.StreamingJobMain} from arguments and environment, or by the local
 * launcher directly.
 *
 * @param kafka              how to reach Kafka (credentials included: never log this record's parts)
 * @param topic              the topic to read
 * @param months             the months the stream carries, {@code YYYY-MM}; a label for the metrics
 * @param checkpointDir      Spark's offsets and the job's rows and state live under it
 * @param triggerInterval    how often a micro-batch may start (the study: every second)
 * @param maxRowsPerBatch    at most this many records per micro-batch, so a replay is cut into batches
 * @param startingOffsets    {@code earliest} or {@code latest}, for a first start without checkpoint
 * @param features           the feature set
 * @param models             the learned models to train, in order
 * @param modelOptions       their sizes
 * @param window             which accumulated rows the models train on
 * @param decisionThreshold  the score from which a row counts as a predicted arrest
 * @param excludeArrestRecordedTypes leave out the primary types recorded mostly at an arrest
 * @param deadLetterTopic    where rejected records go, or {@code null} for nowhere
 * @param historyLimit       at most this many batches in the published metrics history
 */
public record JobConfig(KafkaConnection kafka, String topic, List<String> months,
                        Path checkpointDir, Duration triggerInterval, int maxRowsPerBatch,
                        String startingOffsets, FeatureSet features, List<ModelKind> models,
                        ModelOptions modelOptions, WindowPolicy window, double decisionThreshold,
                        boolean excludeArrestRecordedTypes, String deadLetterTopic,
                        int historyLimit) {

  public JobConfig {
    Objects.requireNonNull(kafka, "kafka");
    TopicName.requireLegal(topic);
    if (deadLetterTopic != null) {
      TopicName.requireLegal(deadLetterTopic);
    }
    Objects.requireNonNull(checkpointDir, "checkpointDir");
    months = List.copyOf(months);
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("select at least one model");
    }
    if (triggerInterval.isNegative() || triggerInterval.isZero()) {
      throw new IllegalArgumentException("the trigger interval must be positive, got " + triggerInterval);
    }
    if (maxRowsPerBatch < 1) {
      throw new IllegalArgumentException("at most N rows per batch needs N >= 1, got " + maxRowsPerBatch);
    }
    if (!startingOffsets.equals("earliest") && !startingOffsets.equals("latest")) {
      throw new IllegalArgumentException("starting offsets must be earliest or latest, got " + startingOffsets);
    }
    if (!(decisionThreshold > 0 && decisionThreshold < 1)) {
      throw new IllegalArgumentException("the decision threshold must lie strictly between 0 and 1, got "
          + decisionThreshold);
    }
    if (historyLimit < 2) {
      throw new IllegalArgumentException("the metrics history must keep at least 2 batches");
    }
  }

  /** A builder with the defaults for everything but where to read and where to checkpoint. */
  public static Builder builder(KafkaConnection kafka, String topic, Path checkpointDir) {
    return new Builder(kafka, topic, checkpointDir);
  }

  public Builder toBuilder() {
    Builder b = new Builder(kafka, topic, checkpointDir);
    b.months = months;
    b.triggerInterval = triggerInterval;
    b.maxRowsPerBatch = maxRowsPerBatch;
    b.startingOffsets = startingOffsets;
    b.features = features;
    b.models = models;
    b.modelOptions = modelOptions;
    b.window = window;
    b.decisionThreshold = decisionThreshold;
    b.excludeArrestRecordedTypes = excludeArrestRecordedTypes;
    b.deadLetterTopic = deadLetterTopic;
    b.historyLimit = historyLimit;
    return b;
  }

  /** Fills a {@link JobConfig}; {@link #build()} validates. */
  public static final class Builder {
    private final KafkaConnection kafka;
    private final String topic;
    private final Path checkpointDir;
    private List<String> months = List.of();
    private Duration triggerInterval = Duration.ofSeconds(1);
    private int maxRowsPerBatch = 500;
    private String startingOffsets = "earliest";
    private FeatureSet features = FeatureSet.IMPROVED;
    private List<ModelKind> models = List.of(ModelKind.LOGISTIC_REGRESSION, ModelKind.DECISION_TREE,
        ModelKind.RANDOM_FOREST);
    private ModelOptions modelOptions;
    private WindowPolicy window = WindowPolicy.DEFAULT;
    private double decisionThreshold = 0.5;
    private boolean excludeArrestRecordedTypes;
    private String deadLetterTopic;
    private boolean deadLetterTopicSet;
    private int historyLimit = 2_000;

    private Builder(KafkaConnection kafka, String topic, Path checkpointDir) {
      this.kafka = kafka;
      this.topic = topic;
      this.checkpointDir = checkpointDir;
    }

    public Builder months(List<String> v) { months = v; return this; }
    public Builder triggerInterval(Duration v) { triggerInterval = v; return this; }
    public Builder maxRowsPerBatch(int v) { maxRowsPerBatch = v; return this; }
    public Builder startingOffsets(String v) { startingOffsets = v; return this; }
    /** Also resets the model options to the feature set's defaults unless set after this. */
    public Builder features(FeatureSet v) { features = v; modelOptions = null; return this; }
    public Builder models(List<ModelKind> v) { models = v; return this; }
    public Builder modelOptions(ModelOptions v) { modelOptions = v; return this; }
    public Builder window(WindowPolicy v) { window = v; return this; }
    public Builder decisionThreshold(double v) { decisionThreshold = v; return this; }
    public Builder excludeArrestRecordedTypes(boolean v) { excludeArrestRecordedTypes = v; return this; }
    /** {@code null} sends rejected records nowhere; the default is {@code <topic>-dlq}. */
    public Builder deadLetterTopic(String v) { deadLetterTopic = v; deadLetterTopicSet = true; return this; }
    public Builder historyLimit(int v) { historyLimit = v; return this; }

    public JobConfig build() {
      return new JobConfig(kafka, topic, months, checkpointDir, triggerInterval, maxRowsPerBatch,
          startingOffsets, features, models,
          modelOptions != null ? modelOptions : ModelOptions.defaultsFor(features), window,
          decisionThreshold, excludeArrestRecordedTypes,
          deadLetterTopicSet ? deadLetterTopic : TopicName.deadLetter(topic), historyLimit);
    }
  }
}
