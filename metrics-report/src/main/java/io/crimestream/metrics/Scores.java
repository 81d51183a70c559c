package io.crimestream.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How well a model's scores separate arrests from non-arrests on a set of rows. A value is
 * {@code null} when it is undefined on those rows (AUC needs both classes; precision needs at
 * least one predicted arrest).
 *
 * @param rows how many rows the figures were computed on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scores(Double accuracy, Double areaUnderROC, Double areaUnderPR, Double precision,
                     Double recall, Double f1, long rows) {}
