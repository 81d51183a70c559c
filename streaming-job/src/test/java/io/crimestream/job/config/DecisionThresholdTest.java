package io.crimestream.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crimestream.job.eval.ScoreHistogram;
import io.crimestream.job.eval.ScoredRows;
import org.junit.jupiter.api.Test;

class DecisionThresholdTest {

  @Test
  void tunedThresholdMaximizesF1OnPastScores() {
    // arrests score 0.3 or 0.9, non-arrests 0.1 or 0.35: a threshold of 0.3 catches every arrest
    // at the cost of one false alarm (F1 = 8/9); 0.5 would miss two of four (F1 = 2/3)
    ScoreHistogram past = new ScoreHistogram();
    past.add(new ScoredRows(new double[] {0.3, 0.3, 0.9, 0.9, 0.1, 0.1, 0.1, 0.35},
        new boolean[] {true, true, true, true, false, false, false, false}), 0.5);
    double t = new DecisionThreshold.TunedForF1().thresholdGiven(past);
    assertThat(t).isEqualTo(0.3);
    assertThat(new DecisionThreshold.TunedForF1().thresholdGiven(null)).isEqualTo(0.5);
    assertThat(new DecisionThreshold.TunedForF1().thresholdGiven(new ScoreHistogram())).isEqualTo(0.5);
  }

  @Test
  void parsesANumberOrF1AndRefusesTheRest() {
    assertThat(DecisionThreshold.parse("0.3")).isEqualTo(new DecisionThreshold.Fixed(0.3));
    assertThat(DecisionThreshold.parse("F1")).isInstanceOf(DecisionThreshold.TunedForF1.class);
    assertThatThrownBy(() -> DecisionThreshold.parse("1.5")).hasMessageContaining("strictly between 0 and 1");
    assertThatThrownBy(() -> DecisionThreshold.parse("high")).hasMessageContaining("nor f1");
  }
}
