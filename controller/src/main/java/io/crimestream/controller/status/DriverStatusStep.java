package io.crimestream.controller.status;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.DriverStatus;
import io.crimestream.controller.dependent.DriverPodDependent;
import io.crimestream.controller.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * DriverRunning, and the count of driver failures: each failed pod is counted once (by uid), and
 * its replacement is due after {@link DriverPodDependent#restartDelay(int)}.
 */
public final class DriverStatusStep implements StatusStep {

  @Override
  public void apply(StatusInput in) {
    DriverStatus driver = in.status().getDriver() != null ? in.status().getDriver()
        : new DriverStatus();
    in.status().setDriver(driver);
    String podName = ResourceNames.driverPod(in.cs());
    driver.setPod(podName);
    Optional<Pod> pod = in.observed().driverPod();
    if (pod.isEmpty()) {
      driver.setPodPhase(null);
      boolean topicReady = Conditions.isTrue(in.status(), ConditionTypes.TOPIC_READY);
      in.condition(ConditionTypes.DRIVER_RUNNING, Conditions.FALSE,
          topicReady ? "Creating" : "WaitingForTopic",
          topicReady ? "creating driver pod " + podName : "the driver starts once the topic is ready");
      return;
    }
    String phase = pod.get().getStatus() == null ? null : pod.get().getStatus().getPhase();
    driver.setPodPhase(phase);
    if ("Running".equals(phase)) {
      in.condition(ConditionTypes.DRIVER_RUNNING, Conditions.TRUE, "Running",
          "driver pod " + podName + " is running");
    } else if (DriverPodDependent.isFailed(pod.get())) {
      countFailure(in, driver, pod.get());
      Duration delay = DriverPodDependent.restartDelay(driver.getRestarts());
      Duration left = Duration.between(in.now(), Instant.parse(driver.getLastFailureTime())
          .plus(delay));
      if (left.isNegative()) {
        left = Duration.ZERO;
      }
      in.recheckAfter(left.plusSeconds(1));
      in.condition(ConditionTypes.DRIVER_RUNNING, Conditions.FALSE, "DriverFailed",
          "driver pod " + podName + " failed (" + driver.getLastFailureMessage() + "); replacing it"
              + " in " + left.toSeconds() + " s (failure " + driver.getRestarts() + "); the query"
              + " resumes from its checkpoint");
    } else if ("Succeeded".equals(phase)) {
      in.condition(ConditionTypes.DRIVER_RUNNING, Conditions.FALSE, "DriverExited",
          "driver pod " + podName + " exited: the streaming query stopped; delete the pod to"
              + " start it again");
    } else {
      in.condition(ConditionTypes.DRIVER_RUNNING, Conditions.FALSE, "Pending",
          "driver pod " + podName + " is " + (phase == null ? "being scheduled" : phase)
              + waitingReason(pod.get()));
    }
  }

  private static void countFailure(StatusInput in, DriverStatus driver, Pod pod) {
    String uid = pod.getMetadata().getUid();
    if (uid != null && uid.equals(driver.getLastFailedPodUid())) {
      return;
    }
    driver.setRestarts((driver.getRestarts() == null ? 0 : driver.getRestarts()) + 1);
    driver.setLastFailedPodUid(uid);
    driver.setLastFailureTime(in.now().toString());
    driver.setLastFailureMessage(failure(pod));
  }

  private static String failure(Pod pod) {
    return containerStatus(pod)
        .map(ContainerStatus::getState)
        .filter(s -> s != null && s.getTerminated() != null)
        .map(s -> {
          var t = s.getTerminated();
          String message = t.getMessage() == null ? "" : t.getMessage().strip();
          String last = message.isEmpty() ? "" : ": " + message.substring(message.lastIndexOf('\n') + 1);
          return "exit code " + t.getExitCode()
              + (t.getReason() == null ? "" : ", " + t.getReason()) + last;
        })
        .orElse(pod.getStatus().getReason() != null ? pod.getStatus().getReason()
            + (pod.getStatus().getMessage() == null ? "" : ": " + pod.getStatus().getMessage())
            : "no reason given");
  }

  private static String waitingReason(Pod pod) {
    return containerStatus(pod)
        .map(ContainerStatus::getState)
        .filter(s -> s != null && s.getWaiting() != null)
        .map(s -> " (" + s.getWaiting().getReason()
            + (s.getWaiting().getMessage() == null ? "" : ": " + s.getWaiting().getMessage()) + ")")
        .orElse("");
  }

  private static Optional<ContainerStatus> containerStatus(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(s -> DriverPodDependent.CONTAINER.equals(s.getName()))
        .findFirst();
  }
}
