package io.crimestream.controller.workflow;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.dependent.KafkaTopicsDependent;
import io.crimestream.controller.settings.ContextSettings;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.strimzi.api.kafka.model.common.Condition;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Map;
import java.util.Optional;

/**
 * The producers and the driver wait until Strimzi's topic operator reports every KafkaTopic
 * Ready: writing to a topic that does not exist yet would create it with the broker's defaults.
 */
public class TopicReady
    implements io.javaoperatorsdk.operator.processing.dependent.workflow.Condition<KafkaTopic,
    CrimeStream> {

  @Override
  public boolean isMet(DependentResource<KafkaTopic, CrimeStream> dependent, CrimeStream cs,
                       Context<CrimeStream> context) {
    Map<String, KafkaTopic> topics =
        ((KafkaTopicsDependent) dependent).getSecondaryResources(cs, context);
    return ContextSettings.of(context).topics().stream()
        .allMatch(name -> topics.containsKey(name) && isReady(topics.get(name)));
  }

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
