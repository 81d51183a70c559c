package io.crimestream.controller.status;

import static io.crimestream.controller.status.StatusFixtures.crimeStream;
import static io.crimestream.controller.status.StatusFixtures.input;
import static io.crimestream.controller.status.StatusFixtures.job;
import static io.crimestream.controller.status.StatusFixtures.observed;
import static io.crimestream.controller.status.StatusFixtures.terminatedPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.api.MonthStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerStatusStepTest {

  private final CrimeStreamStatus status = new CrimeStreamStatus();

  private void apply(ObservedState observed) {
    Conditions.set(status, ConditionTypes.TOPIC_READY, "True", "Ready", "", 3L, StatusFixtures.NOW);
    new ProducerStatusStep().apply(input(crimeStream("2016-04", "2016-05", "2016-06"), observed,
        status));
  }

  @Test
  void reportsEachMonthWithTheRowsItsProducerSent() {
    apply(observed(StatusFixtures.readyTopics(), Map.of(
            "2016-04", job("study-producer-2016-04", "j4", "Complete", null),
            "2016-05", job("study-producer-2016-05", "j5", null, null)),
        List.of(terminatedPod("p4", "j4", 0, "done: 805 of 805 valid rows of 2016-04"
            + " acknowledged by topic crimenes in 0.6 s", "2026-01-01T11:00:00Z")), null, null));

    assertThat(status.getMonths()).extracting(m -> m.getMonth() + " " + m.getState() + " "
            + m.getRowsSent() + " " + m.getMessage())
        .containsExactly("2016-04 Succeeded 805 null", "2016-05 Running null null",
            "2016-06 Pending null waits for 2016-05");
    Condition c = Conditions.find(status, ConditionTypes.PRODUCERS_COMPLETE).orElseThrow();
    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getMessage()).isEqualTo("1 of 3 months sent; sending 2016-05");
  }

  @Test
  void sumsWhereEveryLineOfTheFinishedMonthsWentFromTheirProducersTerminationMessages() {
    apply(observed(StatusFixtures.readyTopics(), Map.of(
            "2016-04", job("study-producer-2016-04", "j4", "Complete", null),
            "2016-05", job("study-producer-2016-05", "j5", "Complete", null)),
        List.of(terminatedPod("p4", "j4", 0, termination(805, 4851, 805, 1, 4045, 0),
                "2026-01-01T11:00:00Z"),
            terminatedPod("p5", "j5", 0, termination(3446, 4851, 3446, 1, 1404, 0),
                "2026-01-01T11:05:00Z")), null, null));

    assertThat(status.getMonths().get(0).getSource().getRowsOfMonths()).isEqualTo(805);
    assertThat(status.getSource().getRowsRead()).isEqualTo(2 * 4851);
    assertThat(status.getSource().getRowsOfMonths()).isEqualTo(805 + 3446);
    assertThat(status.getSource().getRejected()).isEqualTo(Map.of("wrong_field_count", 2L));
    assertThat(status.getSource().getOutsideMonths()).isEqualTo(4045 + 1404);
    assertThat(status.getMonths().get(1).getRowsSent()).isEqualTo(3446);
  }

  private static String termination(long sent, long read, long ofMonths, long rejected, long outside,
                                     long duplicates) {
    return "{\"message\":\"done: " + sent + " of " + sent + " valid rows acknowledged\",\"rowsSent\":"
        + sent + ",\"source\":{\"rowsRead\":" + read + ",\"rowsOfMonths\":" + ofMonths
        + ",\"rejected\":{\"wrong_field_count\":" + rejected + "},\"outsideMonths\":" + outside
        + ",\"duplicateIds\":" + duplicates + "}}";
  }

  @Test
  void aFailedMonthSaysWhyAndHowToRetry() {
    apply(observed(StatusFixtures.readyTopics(), Map.of(
            "2016-04", job("study-producer-2016-04", "j4", "Failed", 3)),
        List.of(terminatedPod("p1", "j4", 3, "error: cannot open /x.csv", "2026-01-01T11:00:00Z"),
            terminatedPod("p3", "j4", 1, "broker down\nincomplete: 10 of 805 valid rows",
                "2026-01-01T11:02:00Z")), null, null));

    MonthStatus april = status.getMonths().get(0);
    assertThat(april.getFailedPods()).isEqualTo(3);
    assertThat(april.getMessage()).isEqualTo("Job study-producer-2016-04 failed"
        + " (BackoffLimitExceeded: Job has reached the specified backoff limit); its last pod"
        + " ended with exit code 1 (some rows were not delivered to Kafka): incomplete: 10 of 805"
        + " valid rows");
    Condition c = Conditions.find(status, ConditionTypes.PRODUCERS_COMPLETE).orElseThrow();
    assertThat(c.getReason()).isEqualTo("ProducerFailed");
    assertThat(c.getMessage()).startsWith("month 2016-04: Job study-producer-2016-04 failed")
        .endsWith("fix the cause and delete Job study-producer-2016-04 to send the month again");
  }

  @Test
  void completeWhenEveryMonthSucceeded() {
    apply(observed(StatusFixtures.readyTopics(), Map.of(
        "2016-04", job("a", "j4", "Complete", null), "2016-05", job("b", "j5", "Complete", null),
        "2016-06", job("c", "j6", "Complete", null)), List.of(), null, null));

    Condition c = Conditions.find(status, ConditionTypes.PRODUCERS_COMPLETE).orElseThrow();
    assertThat(c.getStatus()).isEqualTo("True");
    assertThat(c.getMessage()).isEqualTo("all 3 months sent");
  }

  @Test
  void monthsWaitForTheTopicFirst() {
    new ProducerStatusStep().apply(input(crimeStream("2016-04"), StatusFixtures.nothing(),
        status));

    assertThat(status.getMonths().get(0).getMessage()).isEqualTo("waits for the topic");
  }
}
