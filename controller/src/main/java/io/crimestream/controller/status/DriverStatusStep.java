package io.crimestream.controller.status;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.DriverStatus;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.state.DriverPodState;
import io.crimestream.controller.state.DriverRestarts;
import java.time.Duration;

/**
 * DriverRunning, and the count of driver failures: each failed pod is counted once (by uid), and
 * its replacement is due after {@link DriverRestarts#delay(int)}.
 */
public final class DriverStatusStep implements StatusStep {

  @Override
  public void apply(StatusInput in) {
    DriverStatus driver = in.status().getDriver() != null ? in.status().getDriver()
        : new DriverStatus();
    in.status().setDriver(driver);
    String podName = ResourceNames.driverPod(in.cs());
    driver.setPod(podName);
    DriverPodState pod = new DriverPodState(in.observed().driverPod());
    driver.setPodPhase(pod.phase());
    if (pod.absent()) {
      boolean topicReady = Conditions.isTrue(in.status(), ConditionTypes.TOPIC_READY);
      in.condition(ConditionTypes.DRIVER_RUNNING, Conditions.FALSE,
          topicReady ? "Creating" : "WaitingForTopic",
          topicReady ? "creating driver pod " + podName : "the driver starts once the topic is ready");
    } else if (pod.running()) {
      in.condition(ConditionTypes.DRIVER_RUNNING, Conditions.TRUE, "Running",
          "driver pod " + podName + " is running");
    } else if (pod.failed()) {
      countFailure(in, driver, pod);
      Duration left = DriverRestarts.remaining(driver, in.now());
      in.recheckAfter(left.plusSeconds(1));
      in.condition(ConditionTypes.DRIVER_RUNNING, Conditions.FALSE, "DriverFailed",
          "driver pod " + podName + " failed (" + driver.getLastFailureMessage() + "); replacing it"
              + " in " + left.toSeconds() + " s (failure " + driver.getRestarts() + "); the query"
              + " resumes from its checkpoint");
    } else if (pod.exited()) {
      in.condition(ConditionTypes.DRIVER_RUNNING, Conditions.FALSE, "DriverExited",
          "driver pod " + podName + " exited: the streaming query stopped; delete the pod to"
              + " start it again");
    } else {
      in.condition(ConditionTypes.DRIVER_RUNNING, Conditions.FALSE, "Pending",
          "driver pod " + podName + " is " + (pod.phase() == null ? "being scheduled" : pod.phase())
              + pod.waitingFor());
    }
  }

  /** Counts a failed pod once: a later reconciliation of the same failure changes nothing. */
  private static void countFailure(StatusInput in, DriverStatus driver, DriverPodState pod) {
    String uid = pod.uid();
    if (uid != null && uid.equals(driver.getLastFailedPodUid())) {
      return;
    }
    driver.setRestarts((driver.getRestarts() == null ? 0 : driver.getRestarts()) + 1);
    driver.setLastFailedPodUid(uid);
    driver.setLastFailureTime(in.now().toString());
    driver.setLastFailureMessage(pod.failure());
  }
}
