package io.crimestream.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One model's figures after one micro-batch.
 *
 * <p>The top-level figures are on the held-out rows: a fixed fifth of all accumulated rows
 * (chosen by a hash of the crime id) that no model ever trains on. {@code prequential} is the
 * test-then-train figure: the batch's new rows scored by the model trained before they arrived;
 * {@code prequentialCumulative} pools every batch's prequential scores so far. Both are absent
 * for the first batch, which has no earlier model. {@code threshold} is the score from which the
 * figures count a row as a predicted arrest. {@code skipped} says why the model was not fitted on
 * this batch's rows (too few of them, one class only, a failed fit): the figures are then its
 * previous version's, or absent when it has none yet.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetrics(Double accuracy, Double areaUnderROC, Double areaUnderPR, Double precision,
                           Double recall, Double f1, long trainMillis, Scores prequential,
                           Scores prequentialCumulative, Double threshold, String skipped) {

  public static ModelMetrics of(Scores heldOut, long trainMillis, Scores prequential,
                                Scores prequentialCumulative, double threshold) {
    return new ModelMetrics(heldOut.accuracy(), heldOut.areaUnderROC(), heldOut.areaUnderPR(),
        heldOut.precision(), heldOut.recall(), heldOut.f1(), trainMillis, prequential,
        prequentialCumulative, threshold, null);
  }

  /** A model not fitted on this batch and without an earlier version: only the reason. */
  public static ModelMetrics skippedWithoutVersion(String reason) {
    return new ModelMetrics(null, null, null, null, null, null, 0, null, null, null, reason);
  }

  /** These figures, marked as those of a version fitted before this batch. */
  public ModelMetrics withSkipped(String reason) {
    return new ModelMetrics(accuracy, areaUnderROC, areaUnderPR, precision, recall, f1, trainMillis,
        prequential, prequentialCumulative, threshold, reason);
  }

  /** The figure models are ranked by: cumulative prequential AUC, else held-out AUC. */
  @JsonIgnore
  public Double rankingAuc() {
    if (prequentialCumulative != null && prequentialCumulative.areaUnderROC() != null) {
      return prequentialCumulative.areaUnderROC();
    }
    return areaUnderROC;
  }
}
