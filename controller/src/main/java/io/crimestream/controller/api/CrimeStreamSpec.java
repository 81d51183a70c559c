package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.crimestream.options.FeatureSet;
import io.crimestream.options.TrainingWindow;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** What the user asks for. Absent optional fields take the defaults in {@link Defaults}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CrimeStreamSpec {

  @Required
  @Size(min = 1, max = Defaults.MAX_MONTHS)
  @JsonPropertyDescription("The months to stream, YYYY-MM, at least one. Their producer Jobs run"
      + " one after another in month order, so that the stream arrives in time order.")
  private List<@Pattern(Defaults.MONTH_PATTERN) String> months = new ArrayList<>();

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
  @JsonPropertyDescription("The classifiers to retrain every micro-batch; default the streaming"
      + " job's: logistic_regression, decision_tree and random_forest.")
  private List<@Pattern(Defaults.MODEL_PATTERN) String> models;

  @Pattern(FeatureSet.PATTERN)
  @JsonPropertyDescription("The feature set: study (the study's features) or improved; default"
      + " the streaming job's.")
  private String features;

  @Pattern(TrainingWindow.PATTERN)
  @JsonPropertyDescription("Which accumulated rows the models train on: all, last:N or"
      + " reservoir:N; default the streaming job's.")
  private String trainingWindow;

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

  public String getMetricsConfigMap() {
    return metricsConfigMap;
  }

  public void setMetricsConfigMap(String metricsConfigMap) {
    this.metricsConfigMap = metricsConfigMap;
  }
}
