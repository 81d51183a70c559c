package io.crimestream.controller.status;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.api.Phase;
import java.time.Instant;
import java.util.List;

/** The status steps in the order they depend on each other. */
public final class StatusSteps {

  private static final List<StatusStep> STEPS = List.of(new TopicStatusStep(),
      new ProducerStatusStep(), new DriverStatusStep(), new MetricsStatusStep(),
      new ChampionStatusStep(), new DriftStatusStep(), new ReadinessStep());

  private StatusSteps() {}

  public static void apply(StatusInput in) {
    STEPS.forEach(step -> step.apply(in));
    // the steps asked for the Events of every batch up to here
    in.summary().ifPresent(s -> in.status().setEventsRecordedUpTo(s.lastBatch()));
    in.status().setObservedGeneration(in.cs().getMetadata().getGeneration());
  }

  /**
   * The status of a spec that cannot be run: what is already running is left alone (a running
   * driver is not stopped by a typo), and Ready says what to fix.
   */
  public static void invalid(CrimeStream cs, CrimeStreamStatus status, List<String> problems,
                             Instant now) {
    status.setPhase(Phase.Invalid);
    Conditions.set(status, ConditionTypes.READY, Conditions.FALSE, "InvalidSpec",
        String.join("; ", problems), cs.getMetadata().getGeneration(), now);
    status.setObservedGeneration(cs.getMetadata().getGeneration());
  }
}
