package io.crimestream.job.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crimestream.metrics.DriftEvent;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The detectors on the arrest rate and on each model's errors, batch after batch. */
class DriftMonitorTest {

  private static final DriftSettings SETTINGS = new DriftSettings(0.01, 30, 100, false);

  /** One batch of {@code n} rows at arrest rate {@code p}; the model scores right with probability {@code hit}. */
  static DriftMonitor.Observed batch(DriftMonitor m, Random random, long batch, int n, double p, double hit) {
    boolean[] labels = new boolean[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextDouble() < p;
      boolean right = random.nextDouble() < hit;
      scores[i] = labels[i] == right ? 0.9 : 0.1;
    }
    return m.observe(batch, labels, Map.of("random_forest", scores), Map.of("random_forest", 0.5), batch * n);
  }

  @Test
  void aModelWhoseErrorsRiseIsNamedAndTheArrestRateDetectorStaysQuiet() {
    DriftMonitor m = new DriftMonitor(SETTINGS);
    Random random = new Random(1);
    for (long b = 0; b < 20; b++) {
      assertThat(batch(m, random, b, 120, 0.25, 0.85).events()).as("batch %d", b).isEmpty();
    }
    DriftEvent first = null;
    for (long b = 20; b < 30 && first == null; b++) {
      DriftMonitor.Observed o = batch(m, random, b, 120, 0.25, 0.55);
      assertThat(o.statuses()).containsKeys(DriftMonitor.ARREST_RATE, "error:random_forest");
      first = o.events().stream().findFirst().orElse(null);
    }
    assertThat(first).isNotNull();
    assertThat(first.detector()).isEqualTo("error:random_forest");
    assertThat(first.batch()).isBetween(20L, 23L);
    // located from the noisy minimum of a walk that falls by delta a row: early rather than late
    assertThat(first.changePoint()).isBetween(20 * 120L - 600, 20 * 120L + 150);
    assertThat(first.detectedAt()).isGreaterThan(first.changePoint());
    assertThat(first.action()).isEqualTo(DriftEvent.REPORTED);
    assertThat(m.detections()).containsEntry("error:random_forest", 1L).doesNotContainKey("arrest_rate");
  }

  @Test
  void aFallOfTheArrestRateIsDetectedAndTheStatusSaysSo() {
    DriftMonitor m = new DriftMonitor(new DriftSettings(0.01, 30, 100, true));
    Random random = new Random(2);
    for (long b = 0; b < 20; b++) {
      batch(m, random, b, 120, 0.30, 0.8);
    }
    DriftMonitor.Observed o = null;
    for (long b = 20; b < 30; b++) {
      o = batch(m, random, b, 120, 0.10, 0.8);
      if (o.statuses().get(DriftMonitor.ARREST_RATE).detected()) {
        break;
      }
    }
    assertThat(o.statuses().get(DriftMonitor.ARREST_RATE).detected()).isTrue();
    assertThat(o.statuses().get(DriftMonitor.ARREST_RATE).threshold()).isEqualTo(30);
    assertThat(o.events()).anyMatch(e -> e.detector().equals(DriftMonitor.ARREST_RATE)
        && e.action().equals(DriftEvent.WINDOW_RESET));
  }

  @Test
  void theStateSurvivesTheCheckpointsJson() throws Exception {
    DriftMonitor m = new DriftMonitor(SETTINGS);
    Random random = new Random(3);
    for (long b = 0; b < 40; b++) {
      batch(m, random, b, 120, b < 20 ? 0.25 : 0.5, 0.8);
    }
    ObjectMapper json = new ObjectMapper();
    DriftMonitor.State state = json.readValue(json.writeValueAsBytes(m.state()), DriftMonitor.State.class);
    DriftMonitor restored = new DriftMonitor(SETTINGS);
    restored.restore(state);
    assertThat(restored.state()).isEqualTo(m.state());
    Random r1 = new Random(9);
    Random r2 = new Random(9);
    assertThat(batch(restored, r2, 40, 120, 0.5, 0.5)).isEqualTo(batch(m, r1, 40, 120, 0.5, 0.5));
  }
}
