package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.crimestream.options.DecisionThreshold;
import io.crimestream.options.FeatureSet;
import io.crimestream.options.JobOptions;
import io.crimestream.options.ModelKind;
import io.crimestream.options.Months;
import io.crimestream.options.TrainingWindow;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user asks for. Absent optional fields take the defaults in {@link Defaults}, or the
 * streaming job's own. The fields the job and the producer take (months, models, features,
 * trainingWindow, decisionThreshold, excludeArrestRecordedTypes, keepVersions here; the champion
 * and the drift detectors in {@link ChampionSpec} and {@link DriftSpec}; the pace in
 * {@link ProducerSpec}; the batches and the stop in {@link SparkSpec}) use the patterns and
 * bounds of their options ({@code io.crimestream.options}), so that what {@code kubectl apply}
 * accepts the programs accept too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CrimeStreamSpec {

  /** Each once: the programs' lists refuse a repeated value. */
  static final String EACH_ONCE = "self.all(x, self.exists_one(y, y == x))";

  @Required
  @Size(min = 1, max = Defaults.MAX_MONTHS)
  @ValidationRule(value = EACH_ONCE, message = "lists a month twice: name each month once")
  @JsonPropertyDescription("The months to stream, YYYY-MM, at least one, each once. Their producer"
      + " Jobs run one after another in month order, so that the stream arrives in time order.")
  private List<@Pattern(Months.PATTERN) @Size(max = 7) String> months = new ArrayList<>();

  @Size(min = 1, max = Defaults.MAX_MONTHS)
  @ValidationRule(value = EACH_ONCE, message = "lists a history month twice: name each month once")
  @JsonPropertyDescription("Months of the same source to learn first (a warm start): trained on,"
      + " never scored, counted apart as rowsHistory; YYYY-MM, each once, every one before the first"
      + " of months. Their producer Jobs run first, in month order, and mark their records as history.")
  private List<@Pattern(Months.PATTERN) @Size(max = 7) String> history;

  @Required
  @JsonPropertyDescription("Where the crime reports come from: exactly one of url, hostPath,"
      + " configMap, persistentVolumeClaim or cityApi.")
  private DatasetSource source;

  @Required
  @JsonPropertyDescription("The Kafka cluster and topic the producers write and the driver reads.")
  private KafkaSpec kafka;

  @JsonPropertyDescription("The producer Jobs: image and pace.")
  private ProducerSpec producer;

  @JsonPropertyDescription("The Spark streaming driver and its executors.")
  private SparkSpec spark;

  @Size(min = 1, max = 4)
  @ValidationRule(value = EACH_ONCE, message = "lists a model twice: name each model once")
  @JsonPropertyDescription("The classifiers to retrain every micro-batch, each once, of"
      + " logistic_regression, decision_tree, random_forest and gradient_boosted_trees; default"
      + " the streaming job's: logistic_regression, decision_tree and random_forest.")
  private List<@Pattern(ModelKind.PATTERN) @Size(max = 22) String> models;

  @Pattern(FeatureSet.PATTERN)
  @JsonPropertyDescription("The feature set: study (the study's features) or improved (see the"
      + " README's Models); default the streaming job's (improved).")
  private String features;

  @Pattern(TrainingWindow.PATTERN)
  @JsonPropertyDescription("Which accumulated rows the models train on: all (every row seen, as"
      + " the study did), last:N (the N most recent) or reservoir:N (a uniform sample of N over the"
      + " whole stream), N from 1; default the streaming job's (last:100000).")
  private String trainingWindow;

  @Pattern(DecisionThreshold.PATTERN)
  @JsonPropertyDescription("From which score a row counts as a predicted arrest: a number"
      + " strictly between 0 and 1 with at most six decimals, written as a string (\"0.35\"), or"
      + " f1 to tune it per model before each batch for F1 of the arrest class on the rows it"
      + " scored before it was trained on them. Default the streaming job's (0.5).")
  private String decisionThreshold;

  @Default("false")
  @JsonPropertyDescription("Leave out the primary types recorded mostly at an arrest (narcotics,"
      + " prostitution, ...), whose outcome is known when they are reported.")
  private Boolean excludeArrestRecordedTypes;

  @JsonPropertyDescription("How the champion, the model that serves the predictions, is chosen.")
  private ChampionSpec champion;

  @JsonPropertyDescription("Drift detection on the arrest rate and each model's errors.")
  private DriftSpec drift;

  @Min(1)
  @Max(JobOptions.KEEP_VERSIONS_LIMIT)
  @JsonPropertyDescription("Versions kept per model in the model registry (models/ on the checkpoint"
      + " claim), besides every version that was champion. Default the streaming job's (5).")
  private Integer keepVersions;

  @JsonPropertyDescription("A saved model registry to start from instead of from nothing: its"
      + " champion scores the first batches.")
  private InitialModels initialModels;

  @Pattern(Defaults.DNS_LABEL_PATTERN)
  @Size(max = 253)
  @JsonPropertyDescription("The ConfigMap the streaming job publishes its metrics to; default"
      + " <name>-metrics.")
  private String metricsConfigMap;

  public List<String> getMonths() {
    return months;
  }

  public void setMonths(List<String> months) {
    this.months = months;
  }

  public DatasetSource getSource() {
    return source;
  }

  public void setSource(DatasetSource source) {
    this.source = source;
  }

  public KafkaSpec getKafka() {
    return kafka;
  }

  public void setKafka(KafkaSpec kafka) {
    this.kafka = kafka;
  }

  public ProducerSpec getProducer() {
    return producer;
  }

  public void setProducer(ProducerSpec producer) {
    this.producer = producer;
  }

  public SparkSpec getSpark() {
    return spark;
  }

  public void setSpark(SparkSpec spark) {
    this.spark = spark;
  }

  public List<String> getModels() {
    return models;
  }

  public void setModels(List<String> models) {
    this.models = models;
  }

  public String getFeatures() {
    return features;
  }

  public void setFeatures(String features) {
    this.features = features;
  }

  public String getTrainingWindow() {
    return trainingWindow;
  }

  public void setTrainingWindow(String trainingWindow) {
    this.trainingWindow = trainingWindow;
  }

  public String getDecisionThreshold() {
    return decisionThreshold;
  }

  public void setDecisionThreshold(String decisionThreshold) {
    this.decisionThreshold = decisionThreshold;
  }

  public Boolean getExcludeArrestRecordedTypes() {
    return excludeArrestRecordedTypes;
  }

  public void setExcludeArrestRecordedTypes(Boolean excludeArrestRecordedTypes) {
    this.excludeArrestRecordedTypes = excludeArrestRecordedTypes;
  }

  public String getMetricsConfigMap() {
    return metricsConfigMap;
  }

  public void setMetricsConfigMap(String metricsConfigMap) {
    this.metricsConfigMap = metricsConfigMap;
  }

  public List<String> getHistory() {
    return history;
  }

  public void setHistory(List<String> history) {
    this.history = history;
  }

  public ChampionSpec getChampion() {
    return champion;
  }

  public void setChampion(ChampionSpec champion) {
    this.champion = champion;
  }

  public DriftSpec getDrift() {
    return drift;
  }

  public void setDrift(DriftSpec drift) {
    this.drift = drift;
  }

  public Integer getKeepVersions() {
    return keepVersions;
  }

  public void setKeepVersions(Integer keepVersions) {
    this.keepVersions = keepVersions;
  }

  public InitialModels getInitialModels() {
    return initialModels;
  }

  public void setInitialModels(InitialModels initialModels) {
    this.initialModels = initialModels;
  }
}
