package org.apache.spark.ml.classification;

/**
 * Reaches {@link LogisticRegression}'s initial model, which Spark keeps package-private: the
 * stream retrains logistic regression every batch on rows that mostly overlap the last batch's,
 * so starting LBFGS from the last coefficients reaches the tolerance in a few iterations where a
 * start from zero takes the whole budget, each iteration being a Spark job. This class lives in
 * Spark's package for that one call, as Spark ecosystem libraries do; it holds no logic of its own.
 */
public final class LogisticWarmStart {

  private LogisticWarmStart() {}

  /**
   * {@code estimator}, set to start from {@code previous}'s coefficients and intercept. Spark
   * ignores (with a warning) a model whose coefficient matrix is not of the training rows'
   * width; callers check the width first and start cold instead.
   */
  public static LogisticRegression from(LogisticRegression estimator, LogisticRegressionModel previous) {
    return estimator.setInitialModel(previous);
  }
}
