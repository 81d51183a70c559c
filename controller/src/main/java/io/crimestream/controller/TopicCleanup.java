package io.crimestream.controller;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.naming.Labels;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a deleted CrimeStream's KafkaTopics when its spec says {@code kafka.deleteTopic}: they
 * carry no owner reference (one cannot point into another namespace), so nothing else would. It
 * finds them by their labels wherever the controller may have written them, a namespace the spec
 * named before included.
 */
public final class TopicCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(TopicCleanup.class);
  private static final int NOT_FOUND = 404;

  private TopicCleanup() {}

  /** Whether the CrimeStream's deletion takes its KafkaTopics along. */
  public static boolean wanted(CrimeStream cs) {
    return cs.getSpec() != null && cs.getSpec().getKafka() != null
        && Boolean.TRUE.equals(cs.getSpec().getKafka().getDeleteTopic());
  }

  /** Deletes the KafkaTopics labelled for {@code cs}; returns namespace/name of each. */
  public static List<String> deleteTopicsOf(CrimeStream cs, KubernetesClient client,
                                            ControllerConfig config) {
    Map<String, String> labels = Map.of(
        Labels.MANAGED_BY, Labels.CONTROLLER,
        Labels.COMPONENT, Labels.COMPONENT_TOPIC,
        Labels.INSTANCE, cs.getMetadata().getName(),
        Labels.CRIMESTREAM_NAMESPACE, cs.getMetadata().getNamespace());
    var topics = client.resources(KafkaTopic.class);
    List<KafkaTopic> found = new ArrayList<>();
    try {
      if (config.watchesAllNamespaces()) {
        found.addAll(topics.inAnyNamespace().withLabels(labels).list().getItems());
      } else {
        for (String namespace : config.topicNamespaces()) {
          found.addAll(topics.inNamespace(namespace).withLabels(labels).list().getItems());
        }
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != NOT_FOUND) {
        throw e;
      }
      // no KafkaTopic CRD: Strimzi is not installed, so there is no KafkaTopic to delete
    }
    List<String> deleted = new ArrayList<>();
    for (KafkaTopic topic : found) {
      client.resource(topic).delete();
      deleted.add(topic.getMetadata().getNamespace() + "/" + topic.getMetadata().getName());
    }
    LOG.info("{}/{}: deleted, and with it its KafkaTopics {}", cs.getMetadata().getNamespace(),
        cs.getMetadata().getName(), deleted);
    return deleted;
  }
}
