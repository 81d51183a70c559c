package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One requested month's producer Job (a streamed month's, or a history month's). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonthStatus {

  @JsonPropertyDescription("YYYY-MM.")
  private String month;
  @JsonPropertyDescription("True for a month of spec.history: learned before the stream, never"
      + " scored.")
  private Boolean history;
  @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
  private ProducerState state;
  @JsonPropertyDescription("The Job's name.")
  private String job;
  @JsonPropertyDescription("Rows the producer reported sent (and acknowledged), when it has"
      + " finished.")
  private Long rowsSent;
  @JsonPropertyDescription("Where every line the producer read went, when it has finished.")
  private SourceStatus source;
  @JsonPropertyDescription("Pods of the Job that failed.")
  private Integer failedPods;
  @JsonPropertyDescription("Why the Job failed, or what it waits for.")
  private String message;

  public MonthStatus() {}

  public MonthStatus(String month, ProducerState state) {
    this.month = month;
    this.state = state;
  }

  public String getMonth() {
    return month;
  }

  public void setMonth(String month) {
    this.month = month;
  }

  public ProducerState getState() {
    return state;
  }

  public void setState(ProducerState state) {
    this.state = state;
  }

  public String getJob() {
    return job;
  }

  public void setJob(String job) {
    this.job = job;
  }

  public Long getRowsSent() {
    return rowsSent;
  }

  public void setRowsSent(Long rowsSent) {
    this.rowsSent = rowsSent;
  }

  public SourceStatus getSource() {
    return source;
  }

  public void setSource(SourceStatus source) {
    this.source = source;
  }

  public Integer getFailedPods() {
    return failedPods;
  }

  public void setFailedPods(Integer failedPods) {
    this.failedPods = failedPods;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Boolean getHistory() {
    return history;
  }

  public void setHistory(Boolean history) {
    this.history = history;
  }
}
