package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The model whose predictions the job publishes, as its model registry names it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChampionStatus {

  @JsonPropertyDescription("The champion model, e.g. random_forest.")
  private String model;
  @JsonPropertyDescription("The version that serves, in the registry (models/<model>/<version>).")
  private Integer version;
  @JsonPropertyDescription("The batch from which this model (at any version) is the champion.")
  private Long since;
  @JsonPropertyDescription("True while an earlier version serves because the latest did worse.")
  private Boolean rolledBack;

  public ChampionStatus() {}

  public ChampionStatus(String model, Integer version, Long since, Boolean rolledBack) {
    this.model = model;
    this.version = version;
    this.since = since;
    this.rolledBack = rolledBack;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  public Long getSince() {
    return since;
  }

  public void setSince(Long since) {
    this.since = since;
  }

  public Boolean getRolledBack() {
    return rolledBack;
  }

  public void setRolledBack(Boolean rolledBack) {
    this.rolledBack = rolledBack;
  }
}
