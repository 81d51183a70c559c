package io.crimestream.job.model;

import io.crimestream.job.features.EncodedRow;
import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.Vector;

/**
 * A fitted model and how long fitting took. Scoring runs on the driver, row by row: evaluation
 * sets are small, and a Spark job per evaluation would cost more than the scoring itself.
 */
public record TrainedModel(ModelKind kind, ProbabilisticClassificationModel<Vector, ?> model,
                           long trainMillis) implements ArrestScorer {

  @Override
  public String name() {
    return kind.id();
  }

  /** The model's probability of an arrest for {@code row}. */
  public double score(EncodedRow row) {
    Vector features = kind.linear() ? row.linearFeatures() : row.treeFeatures();
    return model.predictProbability(features).apply(1);
  }

  @Override
  public double[] score(List<EncodedRow> rows) {
    double[] s = new double[rows.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = score(rows.get(i));
    }
    return s;
  }
}
