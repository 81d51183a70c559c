package io.crimestream.job.model;

import io.crimestream.options.ModelKind;
/**
 * What fitting one model on one batch's training rows gave: a new version, or the reason it was
 * not fitted this time. A skipped model is not an error: its previous version keeps scoring, and
 * the next batch tries again.
 */
public sealed interface FitOutcome {

  ModelKind kind();

  /** A model fitted on this batch's training rows. */
  record Fitted(TrainedModel model) implements FitOutcome {
    @Override
    public ModelKind kind() {
      return model.kind();
    }
  }

  /** Not fitted on this batch's rows, and why, in words a user can act on. */
  record Skipped(ModelKind kind, String reason) implements FitOutcome {}
}
