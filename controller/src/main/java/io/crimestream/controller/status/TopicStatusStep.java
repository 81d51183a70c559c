package io.crimestream.controller.status;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.state.KafkaTopicState;
import io.crimestream.controller.workflow.StrimziInstalled;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/** TopicReady: whether Strimzi reports every KafkaTopic ready, and if not, why. */
public final class TopicStatusStep implements StatusStep {

  @Override
  public void apply(StatusInput in) {
    String cluster = in.settings().kafka().cluster();
    if (!in.observed().strimziInstalled()) {
      in.condition(ConditionTypes.TOPIC_READY, Conditions.FALSE, "StrimziNotInstalled",
          "Strimzi's KafkaTopic CRD (" + StrimziInstalled.CRD_NAME + ") is not installed in this"
              + " cluster: install Strimzi's cluster operator and a Kafka cluster named '" + cluster
              + "'; nothing is started until then (checked again every "
              + StrimziInstalled.RECHECK_ABSENT.toSeconds() + " s)");
      in.recheckAfter(StrimziInstalled.RECHECK_ABSENT);
      return;
    }
    String namespace = in.settings().kafka().namespace();
    for (String name : in.settings().kafka().topics()) {
      String kafkaTopic = "KafkaTopic " + ResourceNames.kafkaTopic(name) + " in namespace "
          + namespace;
      KafkaTopic topic = in.observed().topics().get(name);
      if (topic == null) {
        in.condition(ConditionTypes.TOPIC_READY, Conditions.FALSE, "Creating",
            "creating " + kafkaTopic);
        return;
      }
      var ready = KafkaTopicState.readyCondition(topic);
      if (ready.isEmpty()) {
        // the usual cause: no topic operator watches that namespace (it watches its Kafka
        // cluster's namespace unless told otherwise), so the KafkaTopic stays as written
        in.condition(ConditionTypes.TOPIC_READY, Conditions.FALSE, "WaitingForTopicOperator",
            kafkaTopic + " has no status yet: the topic operator of Strimzi Kafka cluster '"
                + cluster + "' must run and watch namespace " + namespace + " (it watches its"
                + " cluster's namespace by default): set spec.kafka.namespace to the namespace of"
                + " Kafka '" + cluster + "' if it is elsewhere");
        return;
      }
      if (!Conditions.TRUE.equals(ready.get().getStatus())) {
        String reason = ready.get().getReason();
        in.condition(ConditionTypes.TOPIC_READY, Conditions.FALSE,
            reason == null || reason.isBlank() ? "TopicNotReady" : reason,
            kafkaTopic + " is not ready: "
                + (ready.get().getMessage() == null ? "(Strimzi gave no message)"
                : ready.get().getMessage()));
        return;
      }
    }
    in.condition(ConditionTypes.TOPIC_READY, Conditions.TRUE, "Ready",
        "topic" + (in.settings().kafka().topics().size() > 1 ? "s " : " ")
            + words(in.settings().kafka().topics()) + " ready on Kafka cluster '"
            + cluster + "' in namespace " + namespace);
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  static String words(java.util.List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }
}
