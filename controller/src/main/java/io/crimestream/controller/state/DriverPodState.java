package io.crimestream.controller.state;

import io.crimestream.controller.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * The driver pod as the kubelet reports it: absent, pending, running, exited or failed, with why
 * it failed or what it waits for. The driver pod dependent (a failed pod is replaced) and the
 * DriverRunning status condition both read the pod through this.
 *
 * @param pod the driver pod, if there is one
 */
public record DriverPodState(Optional<Pod> pod) {

  public static DriverPodState of(Pod pod) {
    return new DriverPodState(Optional.ofNullable(pod));
  }

  /** No driver pod: not created yet, or deleted to be replaced. */
  public boolean absent() {
    return pod.isEmpty();
  }

  /** The pod's phase as Kubernetes writes it, or null (no pod, or no status yet). */
  public String phase() {
    return pod.map(Pod::getStatus).map(s -> s.getPhase()).orElse(null);
  }

  public boolean running() {
    return "Running".equals(phase());
  }

  /** The driver ended with an error (or was killed): it is replaced after its restart delay. */
  public boolean failed() {
    return "Failed".equals(phase());
  }

  /** The driver ended by itself: the streaming query stopped, and the pod is left as it is. */
  public boolean exited() {
    return "Succeeded".equals(phase());
  }

  /** The pod's uid, which tells one failed pod from the next. */
  public String uid() {
    return pod.map(p -> p.getMetadata().getUid()).orElse(null);
  }

  /** How the driver container ended: its exit code, reason and last line of its message. */
  public String failure() {
    return container()
        .map(ContainerStatus::getState)
        .filter(s -> s != null && s.getTerminated() != null)
        .map(s -> {
          var t = s.getTerminated();
          String message = t.getMessage() == null ? "" : t.getMessage().strip();
          String last = message.isEmpty() ? ""
              : ": " + message.substring(message.lastIndexOf('\n') + 1);
          return "exit code " + t.getExitCode()
              + (t.getReason() == null ? "" : ", " + t.getReason()) + last;
        })
        .orElseGet(() -> pod.map(Pod::getStatus).filter(s -> s.getReason() != null)
            .map(s -> s.getReason() + (s.getMessage() == null ? "" : ": " + s.getMessage()))
            .orElse("no reason given"));
  }

  /** What the driver container waits for, as {@code " (reason: message)"}, or empty text. */
  public String waitingFor() {
    return container()
        .map(ContainerStatus::getState)
        .filter(s -> s != null && s.getWaiting() != null)
        .map(s -> " (" + s.getWaiting().getReason()
            + (s.getWaiting().getMessage() == null ? "" : ": " + s.getWaiting().getMessage()) + ")")
        .orElse("");
  }

  private Optional<ContainerStatus> container() {
    return pod.map(Pod::getStatus).map(s -> s.getContainerStatuses()).flatMap(statuses ->
        statuses.stream().filter(s -> ResourceNames.DRIVER_CONTAINER.equals(s.getName()))
            .findFirst());
  }
}
