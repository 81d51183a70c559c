package io.crimestream.job.features;

import org.apache.spark.ml.linalg.Vector;

/**
 * One accepted record as the models see it, encoded once when it arrives.
 *
 * @param id             the crime id
 * @param arrest         the label
 * @param heldOut        whether the row belongs to the held-out fifth that no model trains on
 * @param keys           the categories arrest rates are learned for
 * @param treeFeatures   the vector tree models learn from (before rate features)
 * @param linearFeatures the vector the linear model learns from (before rate features)
 */
public record EncodedRow(long id, boolean arrest, boolean heldOut, RateKeys keys,
                         Vector treeFeatures, Vector linearFeatures) {

  /** The categories whose past arrest rates are features (and the baseline's lookup). */
  public record RateKeys(String iucr, String primaryType, String locationDescription, String beat) {}

  public double label() {
    return arrest ? 1.0 : 0.0;
  }
}
