package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.crimestream.options.JobOptions;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * The job's drift detectors (Page-Hinkley on the arrest rate and on each model's errors: its
 * --drift-delta, --drift-threshold, --drift-min-rows and --on-drift), bounded as those options
 * are. A detection shows as the CrimeStream's DriftDetected condition and an Event. Absent
 * fields take the job's defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftSpec {

  @Pattern(JobOptions.MARGIN_PATTERN)
  @JsonPropertyDescription("Changes of the arrest rate or of a model's error rate smaller than this"
      + " are tolerated: a decimal from 0 to 1 with at most four decimals, written as a string"
      + " (\"0.01\"). Default the streaming job's (0.01).")
  private String delta;

  @Min(1)
  @Max(JobOptions.DRIFT_THRESHOLD_LIMIT)
  @JsonPropertyDescription("The Page-Hinkley statistic (a cumulative deviation, in rows) above which a"
      + " change is detected; lower detects sooner and more often. Default the streaming job's (50).")
  private Integer threshold;

  @Min(1)
  @Max(JobOptions.DRIFT_THRESHOLD_LIMIT)
  @JsonPropertyDescription("Rows a detector sees before it may detect. Default the streaming job's"
      + " (100).")
  private Integer minRows;

  @Pattern(JobOptions.ON_DRIFT_PATTERN)
  @JsonPropertyDescription("What a detection does: report (the condition, an Event, the metrics) or"
      + " reset-window (also restart the training window at the change point). Default report.")
  private String onDrift;

  public String getDelta() {
    return delta;
  }

  public void setDelta(String delta) {
    this.delta = delta;
  }

  public Integer getThreshold() {
    return threshold;
  }

  public void setThreshold(Integer threshold) {
    this.threshold = threshold;
  }

  public Integer getMinRows() {
    return minRows;
  }

  public void setMinRows(Integer minRows) {
    this.minRows = minRows;
  }

  public String getOnDrift() {
    return onDrift;
  }

  public void setOnDrift(String onDrift) {
    this.onDrift = onDrift;
  }
}
