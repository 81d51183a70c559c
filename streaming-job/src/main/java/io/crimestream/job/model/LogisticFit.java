package io.crimestream.job.model;

import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.LogisticWarmStart;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fits logistic regression, starting from the previous version's coefficients when there is
 * one, and stopping once an LBFGS iteration improves the loss by less than a tolerance.
 *
 * <p>Spark's LBFGS judges convergence by the loss's change over its last 20 iterations, so
 * with a budget under 20 it always spends the whole budget, each iteration a Spark job, even
 * from a start next to the optimum. So a warm fit runs in short rounds, each a Spark fit
 * started where the last ended, and stops after the round whose last iteration changed the
 * loss by less than {@link #TOLERANCE}, or once the budget is spent. A cold fit (the first
 * batch, or after a change of feature layout) runs the whole budget in one go, as before.
 */
final class LogisticFit {

  /** LBFGS iterations per round of a warm fit. */
  static final int ROUND = 3;
  /** An iteration that changes the loss by less than this fraction of it ends a warm fit. */
  static final double TOLERANCE = 1e-4;

  private LogisticFit() {}

  /**
   * @param estimator  the settings (its iteration limit is the budget)
   * @param previous   where to start; {@code null} for a cold start
   */
  static LogisticRegressionModel fit(LogisticRegression estimator, Dataset<Row> data,
                                     LogisticRegressionModel previous) {
    int budget = estimator.getMaxIter();
    if (previous == null) {
      return estimator.fit(data);
    }
    LogisticRegressionModel model = previous;
    int spent = 0;
    while (spent < budget) {
      int round = Math.min(ROUND, budget - spent);
      LogisticRegression next = estimator.copy(ParamMap.empty()).setMaxIter(round);
      model = LogisticWarmStart.from(next, model).fit(data);
      double[] losses = model.summary().objectiveHistory(); // the start's loss, then each iteration's
      int iterations = Math.max(1, losses.length - 1);
      spent += iterations;
      if (iterations < round || converged(losses)) {
        break;
      }
    }
    return model;
  }

  static boolean converged(double[] losses) {
    if (losses.length < 2) {
      return true;
    }
    double last = losses[losses.length - 1];
    double before = losses[losses.length - 2];
    return Math.abs(before - last) <= TOLERANCE * Math.max(Math.abs(last), 1e-12);
  }
}
