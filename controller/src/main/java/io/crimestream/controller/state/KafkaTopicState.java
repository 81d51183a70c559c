package io.crimestream.controller.state;

import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Optional;

/**
 * A KafkaTopic as Strimzi's topic operator reports it: Ready, or not yet and why. The workflow's
 * readiness condition (the producers and the driver wait for it) and the TopicReady status
 * condition both read a KafkaTopic through this.
 */
public final class KafkaTopicState {

  private KafkaTopicState() {}

  public static boolean isReady(KafkaTopic topic) {
    return readyCondition(topic).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** Strimzi's Ready condition of the topic, if its operator has written one yet. */
  public static Optional<Condition> readyCondition(KafkaTopic topic) {
    if (topic.getStatus() == null || topic.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return topic.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }
}
