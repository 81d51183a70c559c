package io.crimestream.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.config.ChampionSettings;
import io.crimestream.job.eval.ScoredRows;
import io.crimestream.metrics.ChampionEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChampionPolicyTest {

  /** 100 rows, half arrests, scored so that a larger {@code auc} gives a larger AUC. */
  static ScoredRows withAuc(double auc) {
    int n = 100;
    double[] s = new double[n];
    boolean[] l = new boolean[n];
    for (int i = 0; i < n; i++) {
      l[i] = i % 2 == 0;
    }
    // arrests score i/n + shift: a larger shift puts more arrests above non-arrests
    double shift = (auc - 0.5) * 2;
    for (int i = 0; i < n; i++) {
      s[i] = Math.min(1, Math.max(0, (i / (double) n) * 0.5 + (l[i] ? shift * 0.5 : 0)));
    }
    return new ScoredRows(s, l);
  }

  private static Map<String, ScoredRows> scores(double lr, double rf) {
    Map<String, ScoredRows> m = new LinkedHashMap<>();
    m.put("logistic_regression", withAuc(lr));
    m.put("random_forest", withAuc(rf));
    return m;
  }

  private static final Map<String, Integer> VERSIONS = Map.of("logistic_regression", 3, "random_forest", 3);

  @Test
  void theFirstChampionHasTheBestHeldOutAuc() {
    ChampionPolicy p = new ChampionPolicy(new ChampionSettings(5, 0.005, 3));
    Map<String, Double> heldOut = new LinkedHashMap<>();
    heldOut.put("logistic_regression", 0.81);
    heldOut.put("random_forest", 0.86);
    p.initial(0, heldOut, Map.of("logistic_regression", 1, "random_forest", 1));
    assertThat(p.champion()).contains("random_forest");
    assertThat(p.events()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(ChampionEvent.PROMOTED);
      assertThat(e.reason()).contains("held-out AUC 0.86");
    });
  }

  @Test
  void aChallengerReplacesTheChampionOnlyAfterLeadingByTheMarginForEnoughBatchesInARow() {
    ChampionPolicy p = new ChampionPolicy(new ChampionSettings(1, 0.02, 3));
    p.initial(0, Map.of("random_forest", 0.9), Map.of("random_forest", 1, "logistic_regression", 1));
    // logistic regression leads twice, then falls back within the margin: no change
    p.observe(1, scores(0.90, 0.80), VERSIONS, null, null);
    p.observe(2, scores(0.90, 0.80), VERSIONS, null, null);
    p.observe(3, scores(0.81, 0.80), VERSIONS, null, null);
    assertThat(p.champion()).contains("random_forest");
    // three leads in a row: promoted on the third
    p.observe(4, scores(0.90, 0.80), VERSIONS, null, null);
    p.observe(5, scores(0.90, 0.80), VERSIONS, null, null);
    assertThat(p.champion()).contains("random_forest");
    p.observe(6, scores(0.90, 0.80), VERSIONS, null, null);
    assertThat(p.champion()).contains("logistic_regression");
    assertThat(p.since()).isEqualTo(6);
    assertThat(p.events()).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo(ChampionEvent.PROMOTED);
      assertThat(e.fromModel()).isEqualTo("random_forest");
      assertThat(e.version()).isEqualTo(3);
      assertThat(e.reason()).contains("for 3 batches");
    });
  }

  @Test
  void whenTheLatestVersionsDoWorseThanTheOnesBeforeThemThePreviousVersionServesUntilTheyCatchUp() {
    ChampionPolicy p = new ChampionPolicy(new ChampionSettings(3, 0.005, 3));
    p.initial(0, Map.of("random_forest", 0.9), Map.of("random_forest", 1));
    // the latest versions score worse than the version before them, batch after batch
    for (int b = 1; b <= 3; b++) {
      p.observe(b, Map.of("random_forest", withAuc(0.70)), Map.of("random_forest", b + 1),
          withAuc(0.85), b);
    }
    assertThat(p.frozenVersion()).contains(3);
    assertThat(p.events()).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo(ChampionEvent.ROLLED_BACK);
      assertThat(e.version()).isEqualTo(3);
      assertThat(e.fromVersion()).isEqualTo(4);
    });
    // the frozen version serves; the latest catch up over a full window: they serve again
    p.observe(4, Map.of("random_forest", withAuc(0.86)), Map.of("random_forest", 5), withAuc(0.85), 3);
    p.observe(5, Map.of("random_forest", withAuc(0.86)), Map.of("random_forest", 6), withAuc(0.85), 3);
    assertThat(p.frozenVersion()).as("not before a full window").contains(3);
    p.observe(6, Map.of("random_forest", withAuc(0.86)), Map.of("random_forest", 7), withAuc(0.85), 3);
    assertThat(p.frozenVersion()).isEmpty();
    assertThat(p.events()).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo(ChampionEvent.RESTORED);
      assertThat(e.version()).isEqualTo(7);
    });
  }

  @Test
  void aRestartContinuesWithTheSameChampionAndRollback() {
    ChampionPolicy p = new ChampionPolicy(ChampionSettings.DEFAULT);
    p.initial(0, Map.of("random_forest", 0.9), Map.of("random_forest", 1));
    ChampionPolicy q = new ChampionPolicy(ChampionSettings.DEFAULT);
    q.restore(p.state());
    assertThat(q.champion()).contains("random_forest");
    assertThat(q.events()).isEqualTo(p.events());
  }

  @Test
  void theTestRowsAucGrowsWithWhatTheyAreMadeFor() {
    java.util.ArrayDeque<ScoredRows> one = new java.util.ArrayDeque<>();
    one.add(withAuc(0.85));
    java.util.ArrayDeque<ScoredRows> other = new java.util.ArrayDeque<>();
    other.add(withAuc(0.70));
    assertThat(ChampionPolicy.pooledAuc(one)).isGreaterThan(ChampionPolicy.pooledAuc(other));
  }
}
