package io.crimestream.controller.workflow;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.dependent.KafkaTopicsDependent;
import io.crimestream.controller.settings.ContextSettings;
import io.crimestream.controller.state.KafkaTopicState;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Map;

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
    return ContextSettings.of(context).kafka().topics().stream()
        .allMatch(name -> topics.containsKey(name) && KafkaTopicState.isReady(topics.get(name)));
  }
}
