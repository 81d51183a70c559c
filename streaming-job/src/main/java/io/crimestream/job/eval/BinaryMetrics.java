package io.crimestream.job.eval;

import io.crimestream.metrics.Scores;
import java.util.Arrays;

/**
 * Exact binary-classification figures for the arrest class on a set of scored rows.
 *
 * <p>Area under ROC is the Mann-Whitney statistic with ties counted half, which is what the ROC
 * curve's trapezoids give. Area under the precision-recall curve follows Spark's
 * {@code BinaryClassificationMetrics}: one point per distinct score, trapezoids between them, and
 * a first point at recall 0 with the precision of the highest score, so the figures here and
 * Spark's evaluator agree.
 */
public final class BinaryMetrics {

  private BinaryMetrics() {}

  /** Figures for {@code rows}, predicting an arrest when the score is at least {@code threshold}. */
  public static Scores of(ScoredRows rows, double threshold) {
    int n = rows.size();
    if (n == 0) {
      return new Scores(null, null, null, null, null, null, 0);
    }
    Confusion c = Confusion.at(rows, threshold);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[] s = rows.scores();
    // highest score first
    Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
    long[] posByDistinct = new long[n];
    long[] negByDistinct = new long[n];
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      int row = order[i];
      if (i > 0 && s[row] != s[order[i - 1]]) {
        distinct++;
      }
      if (rows.labels()[row]) {
        posByDistinct[distinct]++;
      } else {
        negByDistinct[distinct]++;
      }
    }
    distinct++;
    return c.toScores(
        areaUnderRoc(posByDistinct, negByDistinct, distinct),
        areaUnderPr(posByDistinct, negByDistinct, distinct));
  }

  /**
   * Area under ROC from counts per distinct score, highest score first (index 0): each
   * negative is beaten by every positive with a higher score, and ties count half.
   */
  static Double areaUnderRoc(long[] pos, long[] neg, int groups) {
    long totalPos = 0;
    long totalNeg = 0;
    for (int g = 0; g < groups; g++) {
      totalPos += pos[g];
      totalNeg += neg[g];
    }
    if (totalPos == 0 || totalNeg == 0) {
      return null;
    }
    double wins = 0;
    long positivesAbove = 0;
    for (int g = 0; g < groups; g++) {
      wins += neg[g] * (positivesAbove + pos[g] / 2.0);
      positivesAbove += pos[g];
    }
    return wins / ((double) totalPos * totalNeg);
  }

  /** Area under the precision-recall curve from counts per distinct score, highest first. */
  static Double areaUnderPr(long[] pos, long[] neg, int groups) {
    long totalPos = 0;
    for (int g = 0; g < groups; g++) {
      totalPos += pos[g];
    }
    if (totalPos == 0) {
      return null;
    }
    double area = 0;
    long tp = 0;
    long fp = 0;
    double prevRecall = 0;
    double prevPrecision = -1;
    for (int g = 0; g < groups; g++) {
      tp += pos[g];
      fp += neg[g];
      double recall = (double) tp / totalPos;
      double precision = tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
      if (prevPrecision < 0) {
        prevPrecision = precision; // Spark starts the curve at (0, first precision)
      }
      area += (recall - prevRecall) * (precision + prevPrecision) / 2;
      prevRecall = recall;
      prevPrecision = precision;
    }
    return area;
  }

  /** Counts at a decision threshold, and the figures that follow from them. */
  record Confusion(long tp, long fp, long tn, long fn) {

    static Confusion at(ScoredRows rows, double threshold) {
      long tp = 0;
      long fp = 0;
      long tn = 0;
      long fn = 0;
      for (int i = 0; i < rows.size(); i++) {
        boolean predicted = rows.scores()[i] >= threshold;
        boolean actual = rows.labels()[i];
        if (predicted && actual) {
          tp++;
        } else if (predicted) {
          fp++;
        } else if (actual) {
          fn++;
        } else {
          tn++;
        }
      }
      return new Confusion(tp, fp, tn, fn);
    }

    Confusion plus(Confusion o) {
      return new Confusion(tp + o.tp, fp + o.fp, tn + o.tn, fn + o.fn);
    }

    long total() {
      return tp + fp + tn + fn;
    }

    Scores toScores(Double auc, Double aucPr) {
      long n = total();
      Double accuracy = n == 0 ? null : (double) (tp + tn) / n;
      Double precision = tp + fp == 0 ? null : (double) tp / (tp + fp);
      Double recall = tp + fn == 0 ? null : (double) tp / (tp + fn);
      Double f1;
      if (precision == null || recall == null) {
        f1 = recall == null ? null : 0.0; // nothing predicted positive among real positives: F1 is 0
      } else {
        f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
      }
      return new Scores(accuracy, auc, aucPr, precision, recall, f1, n);
    }
  }
}
