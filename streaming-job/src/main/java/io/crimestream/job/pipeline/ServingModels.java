package io.crimestream.job.pipeline;

import io.crimestream.job.model.ArrestScorer;
import io.crimestream.job.model.FitOutcome;
import io.crimestream.job.model.IucrRateBaseline;
import io.crimestream.job.model.TrainedModel;
import io.crimestream.options.ModelKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versions of each model that score incoming rows: its latest (which the metrics follow),
 * the one before it, and, when the champion was rolled back, the frozen version that serves the
 * predictions. A batch's fit makes a new latest version; a model skipped on a batch keeps the
 * version it had, so a small or one-sided batch never leaves the stream without a scorer it had
 * before.
 */
final class ServingModels {

  /** A fitted model and its version number in the registry. */
  record Versioned(TrainedModel model, int version) {}

  private final List<ModelKind> kinds;
  private final Map<ModelKind, Versioned> latest = new LinkedHashMap<>();
  private final Map<ModelKind, Versioned> previous = new LinkedHashMap<>();
  private final Map<ModelKind, String> skipped = new LinkedHashMap<>();
  private final Map<ModelKind, Integer> nextVersion = new LinkedHashMap<>();
  private Versioned frozen;
  private IucrRateBaseline baseline;

  ServingModels(List<ModelKind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  /** Versions of {@code kind} from here on continue after {@code lastVersion} (a registry's). */
  void continueNumbering(ModelKind kind, int lastVersion) {
    nextVersion.merge(kind, lastVersion + 1, Math::max);
  }

  /**
   * Takes one batch's fits, each as its next version, and the baseline when the batch had
   * training rows; returns the versions given.
   */
  Map<ModelKind, Versioned> update(Map<ModelKind, FitOutcome> outcomes, IucrRateBaseline newBaseline) {
    skipped.clear();
    Map<ModelKind, Versioned> added = new LinkedHashMap<>();
    for (ModelKind kind : kinds) {
      FitOutcome o = outcomes.get(kind);
      if (o instanceof FitOutcome.Fitted f) {
        int version = nextVersion.getOrDefault(kind, 1);
        nextVersion.put(kind, version + 1);
        Versioned v = new Versioned(f.model(), version);
        install(kind, v);
        added.put(kind, v);
      } else if (o instanceof FitOutcome.Skipped s) {
        skipped.put(kind, s.reason());
      }
    }
    if (newBaseline != null) {
      baseline = newBaseline;
    }
    return added;
  }

  /** Makes {@code v} the latest version of {@code kind} (fitted now, or loaded on a restart). */
  void install(ModelKind kind, Versioned v) {
    Versioned before = latest.put(kind, v);
    if (before != null) {
      previous.put(kind, before);
    }
    nextVersion.merge(kind, v.version() + 1, Math::max);
  }

  /** Sets {@code v} as the previous version of {@code kind} (a restart loads it from the registry). */
  void installPrevious(ModelKind kind, Versioned v) {
    previous.put(kind, v);
  }

  void baseline(IucrRateBaseline b) {
    baseline = b;
  }

  /** The frozen version that serves while the champion's latest ones do worse; null to follow. */
  void freeze(Versioned v) {
    frozen = v;
  }

  Optional<Versioned> frozen() {
    return Optional.ofNullable(frozen);
  }

  /** Every model's latest version, in the configured order, then the baseline. */
  List<ArrestScorer> scorers() {
    List<ArrestScorer> out = new ArrayList<>();
    for (ModelKind kind : kinds) {
      Versioned v = latest.get(kind);
      if (v != null) {
        out.add(v.model());
      }
    }
    if (baseline != null) {
      out.add(baseline);
    }
    return out;
  }

  Optional<Versioned> latest(ModelKind kind) {
    return Optional.ofNullable(latest.get(kind));
  }

  Optional<Versioned> previous(ModelKind kind) {
    return Optional.ofNullable(previous.get(kind));
  }

  /** The latest version number of every model that has one. */
  Map<String, Integer> latestVersions() {
    Map<String, Integer> out = new LinkedHashMap<>();
    latest.forEach((k, v) -> out.put(k.id(), v.version()));
    return out;
  }

  /** The latest version of {@code kind}, as a scorer. */
  Optional<ArrestScorer> version(ModelKind kind) {
    return Optional.ofNullable(latest.get(kind)).map(Versioned::model);
  }

  Optional<ArrestScorer> baseline() {
    return Optional.ofNullable(baseline);
  }

  /** Why {@code kind} was not fitted on the latest batch, if it was not. */
  Optional<String> skipReason(ModelKind kind) {
    return Optional.ofNullable(skipped.get(kind));
  }
}
