package io.crimestream.job.pipeline;

import io.crimestream.job.model.ArrestScorer;
import io.crimestream.job.model.FitOutcome;
import io.crimestream.job.model.IucrRateBaseline;
import io.crimestream.options.ModelKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The version of each model that scores incoming rows now. A batch's fit replaces a model's
 * version; a model skipped on a batch keeps the version it had, so a small or one-sided batch
 * never leaves the stream without a scorer it had before.
 */
final class ServingModels {

  private final List<ModelKind> kinds;
  private final Map<ModelKind, ArrestScorer> learned = new LinkedHashMap<>();
  private final Map<ModelKind, String> skipped = new LinkedHashMap<>();
  private IucrRateBaseline baseline;

  ServingModels(List<ModelKind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  /** Takes one batch's fits; the baseline too, when the batch had training rows. */
  void update(Map<ModelKind, FitOutcome> outcomes, IucrRateBaseline newBaseline) {
    skipped.clear();
    for (ModelKind kind : kinds) {
      FitOutcome o = outcomes.get(kind);
      if (o instanceof FitOutcome.Fitted f) {
        learned.put(kind, f.model());
      } else if (o instanceof FitOutcome.Skipped s) {
        skipped.put(kind, s.reason());
      }
    }
    if (newBaseline != null) {
      baseline = newBaseline;
    }
  }

  /** Every model that has a version, in the configured order, then the baseline. */
  List<ArrestScorer> scorers() {
    List<ArrestScorer> out = new ArrayList<>();
    for (ModelKind kind : kinds) {
      ArrestScorer s = learned.get(kind);
      if (s != null) {
        out.add(s);
      }
    }
    if (baseline != null) {
      out.add(baseline);
    }
    return out;
  }

  /** The version of {@code kind} that scores now, if it has one. */
  Optional<ArrestScorer> version(ModelKind kind) {
    return Optional.ofNullable(learned.get(kind));
  }

  Optional<ArrestScorer> baseline() {
    return Optional.ofNullable(baseline);
  }

  /** Why {@code kind} was not fitted on the latest batch, if it was not. */
  Optional<String> skipReason(ModelKind kind) {
    return Optional.ofNullable(skipped.get(kind));
  }

}
