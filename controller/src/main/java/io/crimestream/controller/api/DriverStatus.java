package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The Spark driver pod and its restarts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriverStatus {

  @JsonPropertyDescription("The driver pod's name.")
  private String pod;
  @JsonPropertyDescription("The driver pod's phase (Pending, Running, Succeeded, Failed).")
  private String podPhase;
  @JsonPropertyDescription("How often a failed driver pod was replaced.")
  private Integer restarts;
  @JsonPropertyDescription("The uid of the last failed driver pod counted in restarts.")
  private String lastFailedPodUid;
  @JsonPropertyDescription("When the controller saw the last driver failure.")
  private String lastFailureTime;
  @JsonPropertyDescription("Why the last driver pod failed.")
  private String lastFailureMessage;

  public String getPod() {
    return pod;
  }

  public void setPod(String pod) {
    this.pod = pod;
  }

  public String getPodPhase() {
    return podPhase;
  }

  public void setPodPhase(String podPhase) {
    this.podPhase = podPhase;
  }

  public Integer getRestarts() {
    return restarts;
  }

  public void setRestarts(Integer restarts) {
    this.restarts = restarts;
  }

  public String getLastFailedPodUid() {
    return lastFailedPodUid;
  }

  public void setLastFailedPodUid(String lastFailedPodUid) {
    this.lastFailedPodUid = lastFailedPodUid;
  }

  public String getLastFailureTime() {
    return lastFailureTime;
  }

  public void setLastFailureTime(String lastFailureTime) {
    this.lastFailureTime = lastFailureTime;
  }

  public String getLastFailureMessage() {
    return lastFailureMessage;
  }

  public void setLastFailureMessage(String lastFailureMessage) {
    this.lastFailureMessage = lastFailureMessage;
  }
}
