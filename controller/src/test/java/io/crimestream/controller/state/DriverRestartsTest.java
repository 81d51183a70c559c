package io.crimestream.controller.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.DriverStatus;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a failed driver pod is replaced, as the dependent and the status both read it. */
class DriverRestartsTest {

  @Test
  void theRestartDelayDoublesUpToFiveMinutes() {
    assertThat(DriverRestarts.delay(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(DriverRestarts.delay(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(DriverRestarts.delay(4)).isEqualTo(Duration.ofSeconds(80));
    assertThat(DriverRestarts.delay(9)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aFailedPodIsReplacedOnlyOnceItsFailureIsCountedAndItsDelayPassed() {
    DriverPodState failed = DriverPodState.of(new PodBuilder().withNewMetadata().withUid("u1")
        .endMetadata().withNewStatus().withPhase("Failed").endStatus().build());
    Instant failedAt = Instant.parse("2026-01-01T00:00:00Z");
    DriverStatus counted = new DriverStatus();
    counted.setRestarts(2);
    counted.setLastFailedPodUid("u1");
    counted.setLastFailureTime(failedAt.toString());
    DriverStatus other = new DriverStatus();
    other.setLastFailedPodUid("u0");
    other.setLastFailureTime(failedAt.toString());

    assertThat(DriverRestarts.due(null, failed, failedAt.plusSeconds(600))).isFalse();
    assertThat(DriverRestarts.due(other, failed, failedAt.plusSeconds(600))).isFalse();
    assertThat(DriverRestarts.due(counted, failed, failedAt.plusSeconds(19))).isFalse();
    assertThat(DriverRestarts.due(counted, failed, failedAt.plusSeconds(20))).isTrue();
  }

  @Test
  void theStatusSaysHowLongUntilTheReplacement() {
    DriverStatus counted = new DriverStatus();
    counted.setRestarts(1);
    counted.setLastFailedPodUid("u1");
    Instant failedAt = Instant.parse("2026-01-01T00:00:00Z");
    counted.setLastFailureTime(failedAt.toString());

    assertThat(DriverRestarts.remaining(counted, failedAt.plusSeconds(4)))
        .isEqualTo(Duration.ofSeconds(6));
    assertThat(DriverRestarts.remaining(counted, failedAt.plusSeconds(60))).isZero();
  }

  @Test
  void aRunningPodIsNeverDueForReplacement() {
    DriverStatus counted = new DriverStatus();
    counted.setRestarts(1);
    counted.setLastFailedPodUid("u1");
    counted.setLastFailureTime("2026-01-01T00:00:00Z");
    DriverPodState running = DriverPodState.of(new PodBuilder().withNewMetadata().withUid("u1")
        .endMetadata().withNewStatus().withPhase("Running").endStatus().build());

    assertThat(DriverRestarts.due(counted, running, Instant.parse("2026-01-02T00:00:00Z")))
        .isFalse();
  }
}
