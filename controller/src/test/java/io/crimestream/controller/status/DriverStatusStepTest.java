package io.crimestream.controller.status;

import static io.crimestream.controller.status.StatusFixtures.crimeStream;
import static io.crimestream.controller.status.StatusFixtures.input;
import static io.crimestream.controller.status.StatusFixtures.observed;
import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverStatusStepTest {

  private final CrimeStreamStatus status = new CrimeStreamStatus();

  private StatusInput apply(Pod driver) {
    Conditions.set(status, ConditionTypes.TOPIC_READY, "True", "Ready", "", 3L, StatusFixtures.NOW);
    StatusInput in = input(crimeStream("2016-04"), observed(StatusFixtures.readyTopics(),
        Map.of(), List.of(), driver, null), status);
    new DriverStatusStep().apply(in);
    return in;
  }

  @Test
  void runningWhenThePodRuns() {
    apply(pod("u1", "Running", null));

    assertThat(Conditions.isTrue(status, ConditionTypes.DRIVER_RUNNING)).isTrue();
    assertThat(status.getDriver().getPod()).isEqualTo("study-driver");
  }

  @Test
  void countsEachFailedPodOnceAndAsksToLookAgainWhenItsReplacementIsDue() {
    StatusInput first = apply(pod("u1", "Failed", "java.lang.OutOfMemoryError"));
    StatusInput again = apply(pod("u1", "Failed", "java.lang.OutOfMemoryError"));

    assertThat(status.getDriver().getRestarts()).isEqualTo(1);
    assertThat(status.getDriver().getLastFailedPodUid()).isEqualTo("u1");
    assertThat(status.getDriver().getLastFailureMessage())
        .isEqualTo("exit code 1, Error: java.lang.OutOfMemoryError");
    assertThat(first.recheckAfter()).contains(Duration.ofSeconds(11));
    assertThat(again.recheckAfter()).contains(Duration.ofSeconds(11));
    Condition c = Conditions.find(status, ConditionTypes.DRIVER_RUNNING).orElseThrow();
    assertThat(c.getReason()).isEqualTo("DriverFailed");
    assertThat(c.getMessage()).contains("replacing it in 10 s").contains("checkpoint");

    apply(pod("u2", "Failed", "again"));
    assertThat(status.getDriver().getRestarts()).isEqualTo(2);
  }

  @Test
  void aPendingPodSaysWhatItWaitsFor() {
    Pod pending = new PodBuilder(pod("u1", "Pending", null)).editStatus()
        .addNewContainerStatus().withName("spark-driver").withNewState().withNewWaiting()
        .withReason("ImagePullBackOff").withMessage("image not found").endWaiting().endState()
        .endContainerStatus().endStatus().build();
    apply(pending);

    assertThat(Conditions.find(status, ConditionTypes.DRIVER_RUNNING).orElseThrow().getMessage())
        .isEqualTo("driver pod study-driver is Pending (ImagePullBackOff: image not found)");
  }

  private static Pod pod(String uid, String phase, String message) {
    var b = new PodBuilder().withNewMetadata().withName("study-driver").withUid(uid).endMetadata()
        .withNewStatus().withPhase(phase);
    if (message != null) {
      b.addNewContainerStatus().withName("spark-driver").withNewState().withNewTerminated()
          .withExitCode(1).withReason("Error").withMessage(message).endTerminated().endState()
          .endContainerStatus();
    }
    return b.endStatus().build();
  }
}
