package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the controller observed, following the Kubernetes API conventions: the generation it
 * acted on, conditions, and the figures users look at ({@code kubectl get cs}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CrimeStreamStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Invalid, Pending (waiting for the topic), Producing, Streaming (every"
      + " month sent) or Failed (a month could not be sent).")
  private Phase phase;

  @JsonPropertyDescription("Ready, TopicReady, ProducersComplete, DriverRunning and"
      + " MetricsAvailable.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Each requested month's producer Job, in month order.")
  private List<MonthStatus> months = new ArrayList<>();

  @JsonPropertyDescription("Where every line the finished months' producers read went, summed"
      + " over the months: rowsRead = rowsOfMonths + rejected + outsideMonths + duplicateIds.")
  private SourceStatus source;

  @JsonPropertyDescription("The Spark driver pod.")
  private DriverStatus driver;

  @JsonPropertyDescription("Micro-batches that brought new rows so far.")
  private Long batches;

  @JsonPropertyDescription("Unique valid rows the models learned from and were evaluated on.")
  private Long rowsTrained;

  @JsonPropertyDescription("Rows not trained on (invalid, duplicate), all reasons together.")
  private Long rowsRejected;

  @JsonPropertyDescription("The model with the highest cumulative prequential AUC.")
  private String bestModel;

  @JsonPropertyDescription("The best model's AUC (cumulative prequential, else held-out).")
  private Double bestModelAuc;

  @JsonPropertyDescription("When the streaming job last published metrics.")
  private String metricsUpdated;

  @JsonPropertyDescription("The model and version whose predictions are published.")
  private ChampionStatus champion;

  @JsonPropertyDescription("Drift detections so far, all detectors together.")
  private Long driftDetections;

  @JsonPropertyDescription("The last batch whose champion changes and drift detections were"
      + " recorded as Events on this CrimeStream.")
  private Long eventsRecordedUpTo;

  @JsonPropertyDescription("The latest figures of every model, by model name.")
  private Map<String, ModelStatus> models = new LinkedHashMap<>();

  public SourceStatus getSource() {
    return source;
  }

  public void setSource(SourceStatus source) {
    this.source = source;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<MonthStatus> getMonths() {
    return months;
  }

  public void setMonths(List<MonthStatus> months) {
    this.months = months;
  }

  public DriverStatus getDriver() {
    return driver;
  }

  public void setDriver(DriverStatus driver) {
    this.driver = driver;
  }

  public Long getBatches() {
    return batches;
  }

  public void setBatches(Long batches) {
    this.batches = batches;
  }

  public Long getRowsTrained() {
    return rowsTrained;
  }

  public void setRowsTrained(Long rowsTrained) {
    this.rowsTrained = rowsTrained;
  }

  public Long getRowsRejected() {
    return rowsRejected;
  }

  public void setRowsRejected(Long rowsRejected) {
    this.rowsRejected = rowsRejected;
  }

  public String getBestModel() {
    return bestModel;
  }

  public void setBestModel(String bestModel) {
    this.bestModel = bestModel;
  }

  public Double getBestModelAuc() {
    return bestModelAuc;
  }

  public void setBestModelAuc(Double bestModelAuc) {
    this.bestModelAuc = bestModelAuc;
  }

  public String getMetricsUpdated() {
    return metricsUpdated;
  }

  public void setMetricsUpdated(String metricsUpdated) {
    this.metricsUpdated = metricsUpdated;
  }

  public Map<String, ModelStatus> getModels() {
    return models;
  }

  public void setModels(Map<String, ModelStatus> models) {
    this.models = models;
  }

  public ChampionStatus getChampion() {
    return champion;
  }

  public void setChampion(ChampionStatus champion) {
    this.champion = champion;
  }

  public Long getDriftDetections() {
    return driftDetections;
  }

  public void setDriftDetections(Long driftDetections) {
    this.driftDetections = driftDetections;
  }

  public Long getEventsRecordedUpTo() {
    return eventsRecordedUpTo;
  }

  public void setEventsRecordedUpTo(Long eventsRecordedUpTo) {
    this.eventsRecordedUpTo = eventsRecordedUpTo;
  }
}
