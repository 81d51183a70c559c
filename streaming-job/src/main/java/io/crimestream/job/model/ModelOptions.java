package io.crimestream.job.model;

import io.crimestream.options.FeatureSet;

/**
 * Sizes and settings of the models. The study's feature set trains with Spark's defaults, as the
 * study did; the improved set with settings chosen on the real months (see the README's report).
 *
 * @param logisticIterations   LBFGS iterations of logistic regression
 * @param logisticPriorRows    L2 regularization of logistic regression, as the weight in rows of
 *                             a prior that pulls each coefficient toward 0: Spark's regParam is
 *                             this over the training rows, so the pull fades as rows accumulate
 *                             (scikit-learn's C is its inverse)
 * @param logisticStandardize  whether logistic regression scales features to unit variance first
 * @param treeDepth            depth of the decision tree and of the forest's trees
 * @param minRowsPerLeaf       fewest training rows a tree leaf may hold
 * @param forestTrees          trees in the random forest
 * @param boostingIterations   trees in the gradient-boosted ensemble
 * @param boostingDepth        depth of each boosted tree
 * @param seed                 for every random choice, so that runs and restarts repeat
 */
public record ModelOptions(int logisticIterations, double logisticPriorRows,
                           boolean logisticStandardize, int treeDepth, int minRowsPerLeaf,
                           int forestTrees, int boostingIterations, int boostingDepth, long seed) {

  public ModelOptions {
    positive("logistic regression iterations", logisticIterations);
    positive("tree depth", treeDepth);
    positive("rows per leaf", minRowsPerLeaf);
    positive("forest trees", forestTrees);
    positive("boosting iterations", boostingIterations);
    positive("boosting depth", boostingDepth);
    if (logisticPriorRows < 0) {
      throw new IllegalArgumentException("logistic regression regularization must be >= 0");
    }
    if (treeDepth > 30 || boostingDepth > 30) {
      throw new IllegalArgumentException("Spark trees are at most 30 deep");
    }
  }

  public static ModelOptions defaultsFor(FeatureSet set) {
    // study: Spark's defaults. improved: one-hot blocks are 0/1 already, so no rescaling (which
    // would inflate rare categories), and a prior worth 3.3 rows: a fixed regParam of 0.01 held
    // the coefficients back as much at 2,400 rows as at 400 (0.002 of prequential AUC on 2016-05,
    // measured with scikit-learn on the same batches). 15 LBFGS iterations: each is a Spark job,
    // and 25 or 200 gave the same pooled AUC on the shared exports (within 0.001) but a cycle up
    // to 0.8 s slower at 10,000 to 20,000 rows. Leaves of at least 10 rows keep single trees from
    // memorizing; the rest was chosen on the shared months (README, "Models").
    return set == FeatureSet.STUDY
        ? new ModelOptions(100, 0.0, true, 5, 1, 20, 20, 5, 42)
        : new ModelOptions(15, 3.3, false, 8, 10, 20, 20, 4, 42);
  }

  private static void positive(String what, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + v);
    }
  }
}
