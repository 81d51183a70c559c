package io.crimestream.local.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's slope per 100k rows: the heap's trend between batches, not a sample taken mid-fit. */
class TrendTest {

  @Test
  void aFlatHeapWithSamplesTakenMidFitIsFlat() {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // 170 MiB between batches; every fifth sample lands in a fit and reads 700
      points.add(new double[] {i * 20_000, i % 5 == 3 ? 700 : 170 + (i % 2)});
    }
    assertThat(Trend.slope(points) * 100_000).isCloseTo(0, within(0.5));
  }

  @Test
  void aGrowingHeapIsReportedAtItsRate() {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      points.add(new double[] {i * 20_000, 200 + 25 * i * 20_000 / 100_000.0 + (i % 7 == 2 ? 500 : 0)});
    }
    assertThat(Trend.slope(points) * 100_000).isCloseTo(25, within(0.01));
  }

  @Test
  void fewerThanTwoDistinctRowCountsHaveNoSlope() {
    assertThat(Trend.slope(List.of())).isZero();
    assertThat(Trend.slope(List.<double[]>of(new double[] {5, 1}, new double[] {5, 9}))).isZero();
  }
}
