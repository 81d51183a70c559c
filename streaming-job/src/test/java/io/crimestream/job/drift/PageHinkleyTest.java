package io.crimestream.job.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Page-Hinkley test on streams whose change, if any, is known. */
class PageHinkleyTest {

  /** Adds {@code n} Bernoulli values of rate {@code p} from position {@code from}; the first detection's position or -1. */
  static long feed(PageHinkley t, Random random, double p, long from, int n) {
    for (int i = 0; i < n; i++) {
      if (t.add(random.nextDouble() < p ? 1 : 0, from + i)) {
        return from + i;
      }
    }
    return -1;
  }

  @Test
  void aConstantStreamNeverMoves() {
    PageHinkley t = new PageHinkley(0, 1, 1, PageHinkley.Direction.BOTH);
    for (int i = 0; i < 10_000; i++) {
      assertThat(t.add(0.3, i)).isFalse();
    }
    assertThat(t.statistic()).isZero();
  }

  @Test
  void aStepUpIsDetectedSoonAfterAndLocatedAtTheStep() {
    PageHinkley t = new PageHinkley(0, 10, 1, PageHinkley.Direction.UP);
    long detected = -1;
    for (int i = 0; i < 200 && detected < 0; i++) {
      if (t.add(i < 100 ? 0 : 1, i)) {
        detected = i;
      }
    }
    // the running mean follows the new values, so the deviation grows a little slower than 1 a row
    assertThat(detected).isBetween(109L, 112L);
    assertThat(t.changePoint()).as("100 values came before the change").isEqualTo(100);
  }

  @Test
  void aRiseOfTheArrestRateIsFoundWithinAFewHundredRowsAndNotBefore() {
    Random random = new Random(7);
    PageHinkley t = new PageHinkley(0.01, 50, 100, PageHinkley.Direction.BOTH);
    assertThat(feed(t, random, 0.25, 0, 3000)).as("no alarm before the change").isEqualTo(-1);
    long detected = feed(t, random, 0.6, 3000, 2000);
    assertThat(detected).isBetween(3000L, 3400L);
    assertThat(t.changePoint()).isBetween(2850L, 3150L);
  }

  @Test
  void aFallIsFoundByATwoSidedTestAndIgnoredByAOneSidedOne() {
    Random a = new Random(11);
    Random b = new Random(11);
    PageHinkley both = new PageHinkley(0.01, 50, 100, PageHinkley.Direction.BOTH);
    PageHinkley up = new PageHinkley(0.01, 50, 100, PageHinkley.Direction.UP);
    feed(both, a, 0.5, 0, 2000);
    feed(up, b, 0.5, 0, 2000);
    assertThat(feed(both, a, 0.1, 2000, 2000)).isBetween(2000L, 2400L);
    assertThat(feed(up, b, 0.1, 2000, 2000)).isEqualTo(-1);
  }

  @Test
  void noDetectionBeforeTheMinimumCount() {
    PageHinkley t = new PageHinkley(0, 1, 50, PageHinkley.Direction.UP);
    for (int i = 0; i < 49; i++) {
      assertThat(t.add(i < 10 ? 0 : 1, i)).isFalse();
    }
    assertThat(t.statistic()).isGreaterThan(1);
    assertThat(t.add(1, 49)).isTrue();
  }

  @Test
  void aRestoredTestGoesOnExactlyAsTheOriginal() {
    Random random = new Random(3);
    PageHinkley original = new PageHinkley(0.01, 50, 100, PageHinkley.Direction.BOTH);
    feed(original, random, 0.3, 0, 1500);
    PageHinkley restored = new PageHinkley(0.01, 50, 100, PageHinkley.Direction.BOTH);
    restored.restore(original.state());
    Random r1 = new Random(5);
    Random r2 = new Random(5);
    assertThat(feed(restored, r2, 0.7, 1500, 1000)).isEqualTo(feed(original, r1, 0.7, 1500, 1000));
    assertThat(restored.state()).isEqualTo(original.state());
  }
}
