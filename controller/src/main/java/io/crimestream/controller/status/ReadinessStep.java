package io.crimestream.controller.status;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.api.MonthStatus;
import io.crimestream.controller.api.Phase;
import io.crimestream.controller.api.ProducerState;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * The phase and Ready, from the other conditions: Ready means the topic is ready, the driver
 * runs and no month failed. Its reason and message are those of the first condition that is
 * not yet true, so that one line tells the user what to look at.
 */
public final class ReadinessStep implements StatusStep {

  /** The conditions Ready depends on, in the order a user should look at them. */
  private static final List<String> READY_NEEDS = List.of(ConditionTypes.TOPIC_READY,
      ConditionTypes.PRODUCERS_COMPLETE, ConditionTypes.DRIVER_RUNNING);

  @Override
  public void apply(StatusInput in) {
    CrimeStreamStatus status = in.status();
    List<MonthStatus> months = status.getMonths();
    boolean failed = months.stream().anyMatch(m -> m.getState() == ProducerState.Failed);
    if (!Conditions.isTrue(status, ConditionTypes.TOPIC_READY)) {
      status.setPhase(Phase.Pending);
    } else if (failed) {
      status.setPhase(Phase.Failed);
    } else if (months.stream().allMatch(m -> m.getState() == ProducerState.Succeeded)) {
      status.setPhase(Phase.Streaming);
    } else {
      status.setPhase(Phase.Producing);
    }

    for (String type : READY_NEEDS) {
      Condition c = Conditions.find(status, type).orElseThrow();
      boolean blocks = type.equals(ConditionTypes.PRODUCERS_COMPLETE) ? failed
          : !Conditions.TRUE.equals(c.getStatus());
      if (blocks) {
        in.condition(ConditionTypes.READY, Conditions.FALSE, c.getReason(), c.getMessage());
        return;
      }
    }
    in.condition(ConditionTypes.READY, Conditions.TRUE, "Running",
        status.getPhase() == Phase.Streaming ? "every month sent; the driver keeps training"
            : "producers are sending; the driver trains every micro-batch");
  }
}
