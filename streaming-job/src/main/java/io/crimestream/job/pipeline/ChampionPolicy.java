package io.crimestream.job.pipeline;

import io.crimestream.job.config.ChampionSettings;
import io.crimestream.job.eval.BinaryMetrics;
import io.crimestream.job.eval.ScoredRows;
import io.crimestream.job.store.ChampionState;
import io.crimestream.metrics.ChampionEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which model publishes the predictions, and which of its versions.
 *
 * <p><b>Champion.</b> The model with the best prequential AUC pooled over the last
 * {@code window} batches. A challenger replaces the champion only after leading it by more than
 * {@code margin} for {@code leadBatches} batches in a row, so that the champion does not flap
 * between two models that are about as good. Before any model has a prequential score, the first
 * champion is the one with the best held-out AUC.
 *
 * <p><b>Rollback.</b> Each batch retrains every model, so the champion's latest version and the
 * version before it both score each batch. When, over the last {@code window} batches, the
 * latest versions did worse than the versions before them (retraining hurts: a drift, a bad
 * batch), the previous version keeps serving, frozen, while the latest versions go on being
 * fitted and scored beside it; once they do at least as well as the frozen version over a full
 * window, the latest version serves again.
 */
final class ChampionPolicy {

  private final ChampionSettings settings;
  private final Map<String, Deque<ScoredRows>> recent = new LinkedHashMap<>();
  private final Deque<ScoredRows> latestOfChampion = new ArrayDeque<>();
  private final Deque<ScoredRows> shadowOfChampion = new ArrayDeque<>();
  private final List<ChampionEvent> events = new ArrayList<>();
  private String champion;
  private long since = -1;
  private String challenger;
  private int lead;
  /** The frozen version that serves while the latest ones do worse, or null to follow the latest. */
  private Integer frozenVersion;

  ChampionPolicy(ChampionSettings settings) {
    this.settings = settings;
  }

  Optional<String> champion() {
    return Optional.ofNullable(champion);
  }

  long since() {
    return since;
  }

  /** The champion's version that serves, if frozen; empty when its latest version serves. */
  Optional<Integer> frozenVersion() {
    return Optional.ofNullable(frozenVersion);
  }

  List<ChampionEvent> events() {
    return List.copyOf(events);
  }

  /** The first champion, before any prequential score: the best held-out AUC, else the first model. */
  void initial(long batch, Map<String, Double> heldOutAuc, Map<String, Integer> versions) {
    if (champion != null || versions.isEmpty()) {
      return;
    }
    String best = versions.keySet().iterator().next();
    for (var e : heldOutAuc.entrySet()) {
      if (e.getValue() != null && versions.containsKey(e.getKey())
          && (heldOutAuc.get(best) == null || e.getValue() > heldOutAuc.get(best))) {
        best = e.getKey();
      }
    }
    promote(batch, best, versions.get(best), "the first fitted models; best held-out AUC "
        + fmt(heldOutAuc.get(best)));
  }

  /**
   * After a batch was scored: each model's latest version's prequential scores, and the
   * champion's other version's on the same rows (its previous version, or the frozen one).
   *
   * @param latestVersions each model's latest version, as it scored this batch
   * @param shadowVersion  the version {@code shadow} comes from, or null when there is none
   */
  void observe(long batch, Map<String, ScoredRows> latest, Map<String, Integer> latestVersions,
               ScoredRows shadow, Integer shadowVersion) {
    latest.forEach((model, rows) -> push(recent.computeIfAbsent(model, k -> new ArrayDeque<>()), rows));
    if (champion == null) {
      return;
    }
    watchChampionsVersions(batch, latest.get(champion), latestVersions.get(champion), shadow, shadowVersion);
    chooseChampion(batch, latestVersions);
  }

  private void chooseChampion(long batch, Map<String, Integer> versions) {
    Double championAuc = pooledAuc(recent.get(champion));
    String best = null;
    Double bestAuc = null;
    for (var e : recent.entrySet()) {
      Double auc = pooledAuc(e.getValue());
      if (!e.getKey().equals(champion) && auc != null && (bestAuc == null || auc > bestAuc)) {
        best = e.getKey();
        bestAuc = auc;
      }
    }
    boolean leads = best != null && (championAuc == null || bestAuc > championAuc + settings.margin());
    if (!leads) {
      challenger = null;
      lead = 0;
      return;
    }
    lead = best.equals(challenger) ? lead + 1 : 1;
    challenger = best;
    if (lead >= settings.leadBatches() && versions.containsKey(best)) {
      String reason = String.format(Locale.ROOT, "prequential AUC %s against %s's %s over the last %d"
          + " batches, ahead by more than %s for %d batches", fmt(bestAuc), champion, fmt(championAuc),
          settings.window(), fmt(settings.margin()), lead);
      promote(batch, best, versions.get(best), reason);
    }
  }

  /** Events kept in the state and the metrics: the latest ones. */
  static final int EVENTS_KEPT = 200;

  private void record(ChampionEvent e) {
    events.add(e);
    while (events.size() > EVENTS_KEPT) {
      events.remove(0);
    }
  }

  private void promote(long batch, String model, int version, String reason) {
    record(new ChampionEvent(batch, ChampionEvent.PROMOTED, model, version, champion,
        null, reason));
    champion = model;
    since = batch;
    challenger = null;
    lead = 0;
    frozenVersion = null;
    latestOfChampion.clear();
    shadowOfChampion.clear();
  }

  private void watchChampionsVersions(long batch, ScoredRows latest, Integer latestVersion,
                                      ScoredRows shadow, Integer shadowVersion) {
    if (latest == null || shadow == null || shadowVersion == null) {
      return;
    }
    push(latestOfChampion, latest);
    push(shadowOfChampion, shadow);
    if (latestOfChampion.size() < settings.window()) {
      return;
    }
    Double latestAuc = pooledAuc(latestOfChampion);
    Double shadowAuc = pooledAuc(shadowOfChampion);
    if (latestAuc == null || shadowAuc == null) {
      return;
    }
    String figures = String.format(Locale.ROOT, "over the last %d batches the latest versions' prequential"
        + " AUC was %s, version %d's %s", settings.window(), fmt(latestAuc), shadowVersion, fmt(shadowAuc));
    if (frozenVersion == null && latestAuc < shadowAuc) {
      record(new ChampionEvent(batch, ChampionEvent.ROLLED_BACK, champion, shadowVersion, champion,
          latestVersion, figures + ": the earlier version serves"));
      frozenVersion = shadowVersion;
      latestOfChampion.clear();
      shadowOfChampion.clear();
    } else if (frozenVersion != null && latestAuc >= shadowAuc) {
      record(new ChampionEvent(batch, ChampionEvent.RESTORED, champion, latestVersion, champion,
          frozenVersion, figures + ": the latest version serves again"));
      frozenVersion = null;
      latestOfChampion.clear();
      shadowOfChampion.clear();
    }
  }

  private void push(Deque<ScoredRows> window, ScoredRows rows) {
    window.addLast(rows);
    while (window.size() > settings.window()) {
      window.removeFirst();
    }
  }

  /** AUC of the window's scores pooled, or null while it is undefined (one class only). */
  static Double pooledAuc(Deque<ScoredRows> window) {
    if (window == null || window.isEmpty()) {
      return null;
    }
    int n = window.stream().mapToInt(ScoredRows::size).sum();
    double[] scores = new double[n];
    boolean[] labels = new boolean[n];
    int i = 0;
    for (ScoredRows r : window) {
      System.arraycopy(r.scores(), 0, scores, i, r.size());
      System.arraycopy(r.labels(), 0, labels, i, r.size());
      i += r.size();
    }
    return BinaryMetrics.of(new ScoredRows(scores, labels), 0.5).areaUnderROC();
  }

  ChampionState state() {
    return new ChampionState(champion, since, frozenVersion, List.copyOf(events));
  }

  /** Back to where a checkpoint left it; the windows fill again from the next batches. */
  void restore(ChampionState s) {
    if (s == null) {
      return;
    }
    champion = s.champion();
    since = s.since();
    frozenVersion = s.frozenVersion();
    events.clear();
    events.addAll(s.events());
  }

  private static String fmt(Double d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.4f", d);
  }
}
