package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.crimestream.options.JobOptions;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * How the job picks the model that serves the predictions (its --champion-window,
 * --champion-margin and --champion-lead-batches), bounded as those options are. Absent fields
 * take the job's defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChampionSpec {

  @Min(1)
  @Max(JobOptions.CHAMPION_WINDOW_LIMIT)
  @JsonPropertyDescription("The champion is the model with the best prequential AUC over the last"
      + " this many batches; a rollback compares the champion's versions over as many. Default the"
      + " streaming job's (5).")
  private Integer window;

  @Pattern(JobOptions.MARGIN_PATTERN)
  @JsonPropertyDescription("How much better a challenger's AUC must be, for leadBatches batches in a"
      + " row, to replace the champion: a decimal from 0 to 1 with at most four decimals, written as a"
      + " string (\"0.005\"). Default the streaming job's (0.005).")
  private String margin;

  @Min(1)
  @Max(JobOptions.CHAMPION_WINDOW_LIMIT)
  @JsonPropertyDescription("Batches in a row a challenger must lead by margin to become champion."
      + " Default the streaming job's (3).")
  private Integer leadBatches;

  public Integer getWindow() {
    return window;
  }

  public void setWindow(Integer window) {
    this.window = window;
  }

  public String getMargin() {
    return margin;
  }

  public void setMargin(String margin) {
    this.margin = margin;
  }

  public Integer getLeadBatches() {
    return leadBatches;
  }

  public void setLeadBatches(Integer leadBatches) {
    this.leadBatches = leadBatches;
  }
}
