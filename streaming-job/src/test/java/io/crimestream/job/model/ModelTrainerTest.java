package io.crimestream.job.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelTrainerTest {

  @Test
  void onePartitionPerTwentyFiveThousandRowsAtMostOnePerCore() {
    assertThat(ModelTrainer.partitions(500, 2)).isEqualTo(1);
    assertThat(ModelTrainer.partitions(24_999, 2)).isEqualTo(1);
    assertThat(ModelTrainer.partitions(25_000, 2)).isEqualTo(2);
    assertThat(ModelTrainer.partitions(80_000, 8)).isEqualTo(4);
    assertThat(ModelTrainer.partitions(1_000_000, 2)).isEqualTo(2);
    assertThat(ModelTrainer.partitions(1_000_000, 8)).isEqualTo(8);
    assertThat(ModelTrainer.partitions(0, 4)).isEqualTo(1);
  }

  @Test
  void aWarmFitStopsOnceAnIterationChangesTheLossByLessThanTheTolerance() {
    // the loss of the start, then of each iteration
    assertThat(LogisticFit.converged(new double[] {0.40, 0.36, 0.359})).isFalse();
    assertThat(LogisticFit.converged(new double[] {0.40, 0.36, 0.35999})).isTrue();
    assertThat(LogisticFit.converged(new double[] {0.40})).isTrue();
  }

  @Test
  void aTreeRowWithANonFiniteValueFailsTheFitNamingTheRow() {
    org.apache.spark.ml.linalg.Vector ok = org.apache.spark.ml.linalg.Vectors.dense(1, 2);
    assertThat(ModelTrainer.finite(ok, 0)).isSameAs(ok);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelTrainer.finite(
        org.apache.spark.ml.linalg.Vectors.dense(1, Double.NaN), 7))
        .hasMessageContaining("training row 7").hasMessageContaining("NaN");
  }
}
