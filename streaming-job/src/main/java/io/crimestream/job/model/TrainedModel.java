package io.crimestream.job.model;

import io.crimestream.job.features.EncodedRow;
import io.crimestream.job.features.ModelFeatures;
import io.crimestream.options.ModelKind;
import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.Vector;

/**
 * A fitted model, the features it was fitted with, and how long fitting took. Scoring runs on
 * the driver, row by row: evaluation sets are small, and a Spark job per evaluation would cost
 * more than the scoring itself.
 */
public record TrainedModel(ModelKind kind, ProbabilisticClassificationModel<Vector, ?> model,
                           ModelFeatures features, long trainMillis) implements ArrestScorer {

  @Override
  public String name() {
    return kind.id();
  }

  /** The model's probability of an arrest for {@code row}. */
  public double score(EncodedRow row) {
    double[] rates = features.scoringRates(row);
    Vector v = kind.linear() ? features.linear(row, rates) : features.tree(row, rates);
    return model.predictProbability(v).apply(1);
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
