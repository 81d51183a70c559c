package io.crimestream.controller.status;

import static io.crimestream.controller.status.StatusFixtures.crimeStream;
import static io.crimestream.controller.status.StatusFixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.api.MonthStatus;
import io.crimestream.controller.api.Phase;
import io.crimestream.controller.api.ProducerState;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessStepTest {

  private final CrimeStreamStatus status = new CrimeStreamStatus();

  private Condition apply(String topic, String driver, ProducerState... months) {
    set(ConditionTypes.TOPIC_READY, topic, "TopicReason", "topic message");
    boolean failed = List.of(months).contains(ProducerState.Failed);
    set(ConditionTypes.PRODUCERS_COMPLETE, "False", failed ? "ProducerFailed" : "Producing",
        "producers message");
    set(ConditionTypes.DRIVER_RUNNING, driver, "DriverReason", "driver message");
    status.setMonths(List.of(months).stream().map(s -> new MonthStatus("2016-04", s)).toList());
    new ReadinessStep().apply(input(crimeStream("2016-04"), StatusFixtures.nothing(), status));
    return Conditions.find(status, ConditionTypes.READY).orElseThrow();
  }

  private void set(String type, String value, String reason, String message) {
    Conditions.set(status, type, value, reason, message, 3L, StatusFixtures.NOW);
  }

  @Test
  void readyWhileProducingOnceTheTopicIsReadyAndTheDriverRuns() {
    Condition ready = apply("True", "True", ProducerState.Succeeded, ProducerState.Running);

    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(status.getPhase()).isEqualTo(Phase.Producing);
  }

  @Test
  void streamingOnceEveryMonthIsSent() {
    apply("True", "True", ProducerState.Succeeded, ProducerState.Succeeded);

    assertThat(status.getPhase()).isEqualTo(Phase.Streaming);
  }

  @Test
  void notReadyTakesTheFirstBlockingConditionsReasonAndMessage() {
    Condition ready = apply("False", "False", ProducerState.Pending);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("TopicReason");
    assertThat(ready.getMessage()).isEqualTo("topic message");
    assertThat(status.getPhase()).isEqualTo(Phase.Pending);

    ready = apply("True", "True", ProducerState.Failed, ProducerState.Pending);
    assertThat(ready.getReason()).isEqualTo("ProducerFailed");
    assertThat(status.getPhase()).isEqualTo(Phase.Failed);

    ready = apply("True", "False", ProducerState.Running);
    assertThat(ready.getReason()).isEqualTo("DriverReason");
    // Ready is listed first, then the others in a fixed order
    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactly("Ready", "TopicReady", "ProducersComplete", "DriverRunning");
  }
}
