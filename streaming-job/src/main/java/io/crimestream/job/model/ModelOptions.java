package io.crimestream.job.model;

import io.crimestream.job.features.FeatureSet;

/**
 * Sizes and settings of the models. The study's feature set trains with Spark's defaults, as the
 * study did; the improved set with settings chosen on the real months (see the README's report).
 *
 * @param logisticIterations   LBFGS iterations of logistic regression
 * @param logisticRegParam     L2 regularization of logistic regression
 * @param treeDepth            depth of the decision tree and of the forest's trees
 * @param forestTrees          trees in the random forest
 * @param boostingIterations   trees in the gradient-boosted ensemble
 * @param boostingDepth        depth of each boosted tree
 * @param seed                 for every random choice, so that runs and restarts repeat
 */
public record ModelOptions(int logisticIterations, double logisticRegParam, int treeDepth,
                           int forestTrees, int boostingIterations, int boostingDepth, long seed) {

  public ModelOptions {
    positive("logistic regression iterations", logisticIterations);
    positive("tree depth", treeDepth);
    positive("forest trees", forestTrees);
    positive("boosting iterations", boostingIterations);
    positive("boosting depth", boostingDepth);
    if (logisticRegParam < 0) {
      throw new IllegalArgumentException("logistic regression regularization must be >= 0");
    }
    if (treeDepth > 30 || boostingDepth > 30) {
      throw new IllegalArgumentException("Spark trees are at most 30 deep");
    }
  }

  public static ModelOptions defaultsFor(FeatureSet set) {
    return set == FeatureSet.STUDY
        ? new ModelOptions(100, 0.0, 5, 20, 20, 5, 42)
        : new ModelOptions(30, 0.001, 8, 20, 20, 5, 42);
  }

  private static void positive(String what, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + v);
    }
  }
}
