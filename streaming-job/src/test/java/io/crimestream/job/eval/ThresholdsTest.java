package io.crimestream.job.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.options.DecisionThreshold;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

  @Test
  void aTunedThresholdMaximizesF1OnPastScores() {
    // arrests score 0.3 or 0.9, non-arrests 0.1 or 0.35: a threshold of 0.3 catches every arrest
    // at the cost of one false alarm (F1 = 8/9); 0.5 would miss two of four (F1 = 2/3)
    ScoreHistogram past = new ScoreHistogram();
    past.add(new ScoredRows(new double[] {0.3, 0.3, 0.9, 0.9, 0.1, 0.1, 0.1, 0.35},
        new boolean[] {true, true, true, true, false, false, false, false}), 0.5);
    DecisionThreshold f1 = new DecisionThreshold.TunedForF1();
    assertThat(Thresholds.given(f1, past)).isEqualTo(0.3);
    assertThat(Thresholds.given(f1, null)).isEqualTo(0.5);
    assertThat(Thresholds.given(f1, new ScoreHistogram())).isEqualTo(0.5);
    assertThat(Thresholds.given(new DecisionThreshold.Fixed(0.35), past)).isEqualTo(0.35);
  }
}
