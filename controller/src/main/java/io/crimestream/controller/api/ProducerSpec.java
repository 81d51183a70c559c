package io.crimestream.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.crimestream.options.ProducerOptions;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * The producer Jobs, one per month, and their pace (the producer's --rows-per-second,
 * --batch-rows and --replay).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProducerSpec {

  @JsonPropertyDescription("The producer image; default the controller's"
      + " CRIMESTREAM_PRODUCER_IMAGE.")
  private String image;

  @Default(Defaults.ROWS_PER_SECOND_TEXT)
  @Min(value = 0, inclusive = false)
  @Max(ProducerOptions.ROWS_PER_SECOND_LIMIT)
  @JsonPropertyDescription("The pace: rows sent per second on average, more than 0 (the study"
      + " sent one).")
  private Double rowsPerSecond;

  @Default(Defaults.BATCH_ROWS_TEXT)
  @Min(1)
  @Max(ProducerOptions.BATCH_ROWS_LIMIT)
  @JsonPropertyDescription("Rows sent together, then the pace pauses: a batch every"
      + " batchRows/rowsPerSecond seconds (the study sent 120).")
  private Integer batchRows;

  @Default("false")
  @JsonPropertyDescription("Send as fast as the broker acknowledges, ignoring the pace.")
  private Boolean replay;

  @Default(Defaults.PRODUCER_BACKOFF_LIMIT_TEXT)
  @Min(0)
  @Max(10)
  @JsonPropertyDescription("How often a month's Job retries before the month counts as failed.")
  private Integer backoffLimit;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Double getRowsPerSecond() {
    return rowsPerSecond;
  }

  public void setRowsPerSecond(Double rowsPerSecond) {
    this.rowsPerSecond = rowsPerSecond;
  }

  public Integer getBatchRows() {
    return batchRows;
  }

  public void setBatchRows(Integer batchRows) {
    this.batchRows = batchRows;
  }

  public Boolean getReplay() {
    return replay;
  }

  public void setReplay(Boolean replay) {
    this.replay = replay;
  }

  public Integer getBackoffLimit() {
    return backoffLimit;
  }

  public void setBackoffLimit(Integer backoffLimit) {
    this.backoffLimit = backoffLimit;
  }
}
