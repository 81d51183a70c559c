package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The Strimzi KafkaTopics: the stream's topic and its dead-letter topic, each with one
 * partition (the stream stays in time order) and the configured replicas, labelled with the
 * Kafka cluster so that the cluster's topic operator picks them up.
 *
 * <p>Not garbage-collected by default: a topic holds the stream, and a later CrimeStream can
 * replay it. They are found again through JOSDK's primary annotations and get an owner reference
 * only with {@code spec.kafka.deleteTopic}. Never deleted by the controller either (turning the
 * dead-letter topic off leaves the existing one alone).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_TOPIC))
public class KafkaTopicsDependent extends KubernetesDependentResource<KafkaTopic, CrimeStream>
    implements Creator<KafkaTopic, CrimeStream>, Updater<KafkaTopic, CrimeStream>,
    BulkDependentResource<KafkaTopic, CrimeStream, String> {

  public static final String NAME = "kafka-topics";
  public static final String STRIMZI_CLUSTER_LABEL = "strimzi.io/cluster";

  public KafkaTopicsDependent() {
    super(KafkaTopic.class, NAME);
  }

  @Override
  public Map<String, KafkaTopic> desiredResources(CrimeStream cs, Context<CrimeStream> context) {
    PipelineSettings settings = Settings.of(context);
    Map<String, KafkaTopic> desired = new LinkedHashMap<>();
    settings.topics().forEach(topic -> desired.put(topic, topic(cs, settings, topic)));
    return desired;
  }

  /** This CrimeStream's KafkaTopics by Kafka topic name. */
  @Override
  public Map<String, KafkaTopic> getSecondaryResources(CrimeStream cs,
                                                       Context<CrimeStream> context) {
    return context.getSecondaryResourcesAsStream(KafkaTopic.class)
        .collect(Collectors.toMap(KafkaTopicsDependent::topicName, t -> t, (a, b) -> a));
  }

  @Override
  public void deleteTargetResource(CrimeStream cs, KafkaTopic topic, String name,
                                   Context<CrimeStream> context) {
    throw new UnsupportedOperationException("the controller never deletes a KafkaTopic");
  }

  public static String topicName(KafkaTopic topic) {
    return topic.getSpec() != null && topic.getSpec().getTopicName() != null
        ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
  }

  static KafkaTopic topic(CrimeStream cs, PipelineSettings s, String name) {
    Map<String, String> labels = Labels.of(cs, Labels.COMPONENT_TOPIC);
    labels.put(STRIMZI_CLUSTER_LABEL, s.kafkaCluster());
    KafkaTopic topic = new KafkaTopicBuilder()
        .withNewMetadata()
        .withName(ResourceNames.kafkaTopic(name))
        .withNamespace(cs.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withTopicName(name)
        .withPartitions(1)
        .withReplicas(s.topicReplicas())
        .endSpec()
        .build();
    if (s.deleteTopic()) {
      topic.addOwnerReference(cs);
    }
    return topic;
  }

  /** Compares what this controller decides: topic, partitions, replicas, cluster, ownership. */
  @Override
  public Matcher.Result<KafkaTopic> match(KafkaTopic actual, KafkaTopic desired, CrimeStream cs,
                                          Context<CrimeStream> context) {
    boolean same = actual.getSpec() != null
        && Objects.equals(actual.getSpec().getTopicName(), desired.getSpec().getTopicName())
        && Objects.equals(actual.getSpec().getPartitions(), desired.getSpec().getPartitions())
        && Objects.equals(actual.getSpec().getReplicas(), desired.getSpec().getReplicas())
        && Objects.equals(actual.getMetadata().getLabels().get(STRIMZI_CLUSTER_LABEL),
            desired.getMetadata().getLabels().get(STRIMZI_CLUSTER_LABEL))
        && ownedBy(actual, cs) == ownedBy(desired, cs);
    return Matcher.Result.computed(same, desired);
  }

  @Override
  public KafkaTopic update(KafkaTopic actual, KafkaTopic desired, CrimeStream cs,
                           Context<CrimeStream> context) {
    KafkaTopic updated = super.update(actual, desired, cs, context);
    boolean wanted = ownedBy(desired, cs);
    if (ownedBy(updated, cs) != wanted) {
      // a non-SSA update keeps the actual owner references: set this CrimeStream's one apart
      updated = context.getClient().resource(updated).edit(topic -> {
        List<OwnerReference> refs = new ArrayList<>(topic.getMetadata().getOwnerReferences());
        refs.removeIf(r -> r.getUid().equals(cs.getMetadata().getUid()));
        if (wanted) {
          refs.addAll(desired.getMetadata().getOwnerReferences());
        }
        topic.getMetadata().setOwnerReferences(refs);
        return topic;
      });
    }
    return updated;
  }

  private static boolean ownedBy(KafkaTopic topic, CrimeStream cs) {
    return topic.getMetadata().getOwnerReferences().stream()
        .anyMatch(r -> r.getUid().equals(cs.getMetadata().getUid()));
  }
}
