package io.crimestream.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How a micro-batch of a job behind its topic is cut into learning steps. */
class LearningStepsTest {

  private final LearningSteps steps = LearningSteps.of(500, 20_000);

  @Test
  void aStepIsTheBaseSizeUntilATenthOfTheRowsLearnedIsMore() {
    assertThat(steps.rows(0)).isEqualTo(500);
    assertThat(steps.rows(5_000)).isEqualTo(500);
    assertThat(steps.rows(5_001)).isEqualTo(501);
    assertThat(steps.rows(80_000)).isEqualTo(8_000);
  }

  @Test
  void noStepIsLargerThanTheCap() {
    assertThat(steps.rows(10_000_000)).isEqualTo(20_000);
  }

  @Test
  void aCapBelowTheBaseLearnsEveryBatchOfTheBaseSize() {
    assertThat(LearningSteps.of(500, 100).rows(1_000_000)).isEqualTo(500);
  }

  @Test
  void oneStepPerBatchTakesAnyBatchWhole() {
    assertThat(LearningSteps.ONE_PER_BATCH.rows(0)).isEqualTo(Integer.MAX_VALUE);
    assertThat(LearningSteps.ONE_PER_BATCH.rows(1_000_000)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aStepOfNoRowsIsRefusedWithWhatWasGiven() {
    assertThatThrownBy(() -> new LearningSteps(0, 0.1, 10)).hasMessageContaining("at least 1 row");
  }
}
