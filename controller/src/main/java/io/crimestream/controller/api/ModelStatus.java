package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One model's latest figures, rounded for reading: held-out figures and the cumulative
 * prequential (test-then-train) AUC that ranks the models.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelStatus {

  private Double accuracy;
  private Double areaUnderROC;
  private Double areaUnderPR;
  private Double precision;
  private Double recall;
  private Double f1;
  @JsonPropertyDescription("AUC of every batch's new rows scored before training on them.")
  private Double prequentialAreaUnderROC;

  public ModelStatus() {}

  public ModelStatus(Double accuracy, Double areaUnderROC, Double areaUnderPR, Double precision,
                     Double recall, Double f1, Double prequentialAreaUnderROC) {
    this.accuracy = accuracy;
    this.areaUnderROC = areaUnderROC;
    this.areaUnderPR = areaUnderPR;
    this.precision = precision;
    this.recall = recall;
    this.f1 = f1;
    this.prequentialAreaUnderROC = prequentialAreaUnderROC;
  }

  public Double getAccuracy() {
    return accuracy;
  }

  public void setAccuracy(Double accuracy) {
    this.accuracy = accuracy;
  }

  public Double getAreaUnderROC() {
    return areaUnderROC;
  }

  public void setAreaUnderROC(Double areaUnderROC) {
    this.areaUnderROC = areaUnderROC;
  }

  public Double getAreaUnderPR() {
    return areaUnderPR;
  }

  public void setAreaUnderPR(Double areaUnderPR) {
    this.areaUnderPR = areaUnderPR;
  }

  public Double getPrecision() {
    return precision;
  }

  public void setPrecision(Double precision) {
    this.precision = precision;
  }

  public Double getRecall() {
    return recall;
  }

  public void setRecall(Double recall) {
    this.recall = recall;
  }

  public Double getF1() {
    return f1;
  }

  public void setF1(Double f1) {
    this.f1 = f1;
  }

  public Double getPrequentialAreaUnderROC() {
    return prequentialAreaUnderROC;
  }

  public void setPrequentialAreaUnderROC(Double prequentialAreaUnderROC) {
    this.prequentialAreaUnderROC = prequentialAreaUnderROC;
  }
}
