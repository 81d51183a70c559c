package io.crimestream.controller.status;

import static io.crimestream.controller.status.StatusFixtures.crimeStream;
import static io.crimestream.controller.status.StatusFixtures.input;
import static io.crimestream.controller.status.StatusFixtures.observed;
import static io.crimestream.controller.status.StatusFixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicStatusStepTest {

  private final CrimeStreamStatus status = new CrimeStreamStatus();

  private Condition apply(ObservedState observed) {
    StatusInput in = input(crimeStream("2016-04"), observed, status);
    new TopicStatusStep().apply(in);
    return Conditions.find(status, ConditionTypes.TOPIC_READY).orElseThrow();
  }

  @Test
  void withoutStrimziItSaysSoAndLooksAgainLater() {
    StatusInput in = input(crimeStream("2016-04"), new ObservedState(false, Map.of(), Map.of(),
        List.of(), Optional.empty(), Optional.empty()), status);
    new TopicStatusStep().apply(in);

    Condition c = Conditions.find(status, ConditionTypes.TOPIC_READY).orElseThrow();
    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getReason()).isEqualTo("StrimziNotInstalled");
    assertThat(c.getMessage()).contains("kafkatopics.kafka.strimzi.io")
        .contains("Kafka cluster named 'my-cluster'");
    assertThat(c.getObservedGeneration()).isEqualTo(3L);
    assertThat(in.recheckAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void showsStrimzisMessageWhileATopicIsNotReady() {
    Condition c = apply(observed(Map.of(
        "crimenes", topic("crimenes", "True", null, null),
        "crimenes-predictions", topic("crimenes-predictions", "True", null, null),
        "crimenes-dlq", topic("crimenes-dlq", "False", "KafkaError",
            "Replication factor: 3 larger than available brokers: 1")),
        Map.of(), List.of(), null, null));

    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getReason()).isEqualTo("KafkaError");
    assertThat(c.getMessage()).isEqualTo("KafkaTopic crimenes-dlq in namespace crimes is not"
        + " ready: Replication factor: 3 larger than available brokers: 1");
  }

  @Test
  void aTopicWithoutStatusPointsAtTheTopicOperator() {
    Condition c = apply(observed(Map.of("crimenes", topic("crimenes", null, null, null)),
        Map.of(), List.of(), null, null));

    assertThat(c.getReason()).isEqualTo("WaitingForTopicOperator");
    assertThat(c.getMessage()).contains("KafkaTopic crimenes in namespace crimes")
        .contains("topic operator of Strimzi Kafka cluster 'my-cluster' must run and watch"
            + " namespace crimes").contains("spec.kafka.namespace");
  }

  @Test
  void readyWhenEveryTopicIs() {
    Condition c = apply(observed(StatusFixtures.readyTopics(), Map.of(), List.of(), null, null));

    assertThat(c.getStatus()).isEqualTo("True");
    assertThat(c.getMessage()).contains("crimenes, crimenes-predictions and crimenes-dlq");
    String since = c.getLastTransitionTime();
    // a condition whose status stays keeps its transition time
    Conditions.set(status, ConditionTypes.TOPIC_READY, "True", "Ready", "again", 3L,
        StatusFixtures.NOW.plusSeconds(60));
    assertThat(Conditions.find(status, ConditionTypes.TOPIC_READY).orElseThrow()
        .getLastTransitionTime()).isEqualTo(since);
  }
}
