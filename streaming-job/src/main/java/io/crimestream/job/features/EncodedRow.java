package io.crimestream.job.features;

import org.apache.spark.ml.linalg.Vector;

/**
 * One accepted record as the models see it, encoded once when it arrives.
 *
 * @param id          the crime id
 * @param arrest      the label
 * @param heldOut     whether the row belongs to the held-out fifth that no model trains on
 * @param iucr        the IUCR code, for the rate baseline
 * @param primaryType the primary type, for the rate baseline's back-off
 * @param treeFeatures   the vector tree models learn from
 * @param linearFeatures the vector the linear model learns from
 */
public record EncodedRow(long id, boolean arrest, boolean heldOut, String iucr, String primaryType,
                         Vector treeFeatures, Vector linearFeatures) {

  public double label() {
    return arrest ? 1.0 : 0.0;
  }
}
