package io.crimestream.job.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crimestream.metrics.Scores;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Figures on inputs small enough to check by hand. */
class BinaryMetricsTest {

  static ScoredRows rows(double[] scores, int... labels) {
    boolean[] l = new boolean[labels.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels[i] == 1;
    }
    return new ScoredRows(scores, l);
  }

  @Test
  void confusionFiguresAtTheThreshold() {
    // scores 0.9 0.8 0.6 0.4 0.2 ; labels 1 0 1 1 0 ; threshold 0.5
    // predicted 1 1 1 0 0 -> tp 2, fp 1, fn 1, tn 1
    Scores s = BinaryMetrics.of(rows(new double[] {0.9, 0.8, 0.6, 0.4, 0.2}, 1, 0, 1, 1, 0), 0.5);
    assertThat(s.rows()).isEqualTo(5);
    assertThat(s.accuracy()).isEqualTo(3.0 / 5);
    assertThat(s.precision()).isEqualTo(2.0 / 3);
    assertThat(s.recall()).isEqualTo(2.0 / 3);
    assertThat(s.f1()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void areaUnderRocCountsWinsAndHalfTies() {
    // positives 0.9, 0.6, 0.4 ; negatives 0.8, 0.2
    // pairs (p > n): 0.9>0.8, 0.9>0.2, 0.6>0.2, 0.4>0.2 = 4 of 6
    Scores s = BinaryMetrics.of(rows(new double[] {0.9, 0.8, 0.6, 0.4, 0.2}, 1, 0, 1, 1, 0), 0.5);
    assertThat(s.areaUnderROC()).isCloseTo(4.0 / 6, within(1e-12));
    // one positive and one negative at the same score: half a win
    Scores tie = BinaryMetrics.of(rows(new double[] {0.5, 0.5}, 1, 0), 0.5);
    assertThat(tie.areaUnderROC()).isEqualTo(0.5);
  }

  @Test
  void areaUnderPrFollowsSparksTrapezoids() {
    // sorted: 0.9(1) 0.8(0) 0.6(1) 0.4(1) 0.2(0), 3 positives
    // points (recall, precision): start (0, 1), (1/3, 1), (1/3, 1/2), (2/3, 2/3), (1, 3/4), (1, 3/5)
    double expected = (1.0 / 3) * (1 + 1) / 2 + 0 + (1.0 / 3) * (0.5 + 2.0 / 3) / 2
        + (1.0 / 3) * (2.0 / 3 + 0.75) / 2 + 0;
    Scores s = BinaryMetrics.of(rows(new double[] {0.9, 0.8, 0.6, 0.4, 0.2}, 1, 0, 1, 1, 0), 0.5);
    assertThat(s.areaUnderPR()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void undefinedFiguresAreNullNotNaN() {
    Scores onlyNegatives = BinaryMetrics.of(rows(new double[] {0.1, 0.2}, 0, 0), 0.5);
    assertThat(onlyNegatives.areaUnderROC()).isNull();
    assertThat(onlyNegatives.areaUnderPR()).isNull();
    assertThat(onlyNegatives.recall()).isNull();
    assertThat(onlyNegatives.precision()).isNull();
    assertThat(onlyNegatives.accuracy()).isEqualTo(1.0);
    Scores empty = BinaryMetrics.of(rows(new double[0]), 0.5);
    assertThat(empty.rows()).isZero();
    assertThat(empty.accuracy()).isNull();
    Scores noPredictedArrest = BinaryMetrics.of(rows(new double[] {0.1, 0.2}, 1, 0), 0.5);
    assertThat(noPredictedArrest.precision()).isNull();
    assertThat(noPredictedArrest.f1()).isEqualTo(0.0);
  }

  @Test
  void histogramAgreesWithExactFiguresWhenScoresAreCoarse() {
    Random random = new Random(3);
    ScoreHistogram h = new ScoreHistogram();
    int n = 5000;
    double[] all = new double[n];
    boolean[] labels = new boolean[n];
    for (int batch = 0; batch < 5; batch++) {
      double[] s = new double[1000];
      boolean[] l = new boolean[1000];
      for (int i = 0; i < 1000; i++) {
        l[i] = random.nextDouble() < 0.25;
        s[i] = Math.round((l[i] ? 0.6 : 0.4) * 100 + random.nextGaussian() * 20) / 100.0;
        s[i] = Math.max(0, Math.min(1, s[i]));
        all[batch * 1000 + i] = s[i];
        labels[batch * 1000 + i] = l[i];
      }
      h.add(new ScoredRows(s, l), 0.5);
    }
    Scores exact = BinaryMetrics.of(new ScoredRows(all, labels), 0.5);
    Scores pooled = h.scores();
    assertThat(pooled.rows()).isEqualTo(n);
    assertThat(pooled.accuracy()).isEqualTo(exact.accuracy());
    assertThat(pooled.f1()).isEqualTo(exact.f1());
    assertThat(pooled.areaUnderROC()).isCloseTo(exact.areaUnderROC(), within(1e-9));
    assertThat(pooled.areaUnderPR()).isCloseTo(exact.areaUnderPR(), within(1e-9));
    assertThat(ScoreHistogram.fromState(h.state()).scores()).isEqualTo(pooled);
  }
}
