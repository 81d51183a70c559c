package io.crimestream.controller.status;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.metrics.DriftEvent;
import io.crimestream.metrics.DriftReport;
import io.crimestream.metrics.MetricsReport;
import java.util.Optional;

/**
 * DriftDetected, from the job's drift detections: True while the latest detection is among the
 * last {@link #RECENT_BATCHES} batches (so that it clears once the stream has settled again, and
 * an alert on it resolves), its message naming the detector, the model and the batch; and a
 * Warning Event for each detection since the last recorded batch.
 */
public final class DriftStatusStep implements StatusStep {

  /** How many batches a detection keeps DriftDetected True: about 20 minutes at the study's pace. */
  public static final int RECENT_BATCHES = 10;

  @Override
  public void apply(StatusInput in) {
    if (in.summary().isEmpty()) {
      in.condition(ConditionTypes.DRIFT_DETECTED, Conditions.UNKNOWN, "NoMetricsYet",
          "the streaming job has not published its drift detectors yet");
      return;
    }
    MetricsReport.Summary summary = in.summary().get();
    DriftReport drift = summary.drift();
    long detections = drift == null || drift.detections() == null ? 0
        : drift.detections().values().stream().mapToLong(Long::longValue).sum();
    in.status().setDriftDetections(detections);
    Optional<DriftEvent> latest = drift == null ? Optional.empty() : drift.latest();
    if (drift != null && drift.events() != null) {
      for (DriftEvent e : drift.events()) {
        if (in.unrecorded(e.batch())) {
          in.event(new CrimeStreamEvent(true, "DriftDetected", describe(e)));
        }
      }
    }
    if (latest.isPresent() && latest.get().batch() > summary.lastBatch() - RECENT_BATCHES) {
      in.condition(ConditionTypes.DRIFT_DETECTED, Conditions.TRUE, reason(latest.get()),
          describe(latest.get()) + "; " + detections + " detection" + (detections == 1 ? "" : "s")
              + " so far");
    } else if (latest.isPresent()) {
      in.condition(ConditionTypes.DRIFT_DETECTED, Conditions.FALSE, "NoRecentDrift",
          "no detection in the last " + RECENT_BATCHES + " batches; the latest: "
              + describe(latest.get()));
    } else {
      in.condition(ConditionTypes.DRIFT_DETECTED, Conditions.FALSE, "NoDrift",
          "no drift detected in " + summary.batches() + " batches");
    }
  }

  private static String reason(DriftEvent e) {
    return model(e).isPresent() ? "ModelErrorRose" : "ArrestRateChanged";
  }

  /** The model a detector watches the errors of ({@code error:<model>}), if any. */
  private static Optional<String> model(DriftEvent e) {
    return e.detector().startsWith("error:") ? Optional.of(e.detector().substring("error:".length()))
        : Optional.empty();
  }

  static String describe(DriftEvent e) {
    String what = model(e).map(m -> m + "'s prequential error rose")
        .orElse("the arrest rate of the incoming rows changed");
    return what + " (detector " + e.detector() + ", batch " + e.batch() + ", statistic "
        + String.format(java.util.Locale.ROOT, "%.1f", e.statistic()) + "): the change began after row "
        + e.changePoint() + (DriftEvent.WINDOW_RESET.equals(e.action())
        ? ", where the training window restarted" : "");
  }
}
