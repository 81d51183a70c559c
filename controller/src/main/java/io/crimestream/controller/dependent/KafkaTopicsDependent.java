package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.settings.ContextSettings;
import io.crimestream.controller.settings.PipelineSettings;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfig;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Strimzi KafkaTopics: the stream's topic and its dead-letter topic, each with one
 * partition (the stream stays in time order) and the configured replicas, labelled with the
 * Kafka cluster so that the cluster's topic operator picks them up, in the namespace it watches
 * ({@code spec.kafka.namespace}, by default the CrimeStream's).
 *
 * <p>Never owned by the CrimeStream: a topic holds the stream and a later CrimeStream can replay
 * it, and an owner reference cannot cross namespaces anyway (the garbage collector would take a
 * KafkaTopic whose owner is in another namespace for an orphan). The labels name the CrimeStream
 * ({@link Labels#INSTANCE}, {@link Labels#CRIMESTREAM_NAMESPACE}) and map the KafkaTopic back to
 * it; {@link io.crimestream.controller.TopicCleanup} deletes them with the CrimeStream only with
 * {@code spec.kafka.deleteTopic}. The reconciliation never deletes one (turning the dead-letter
 * topic off leaves the existing one alone). The informer watches the namespaces the controller's
 * configuration allows ({@link #configuration(Set)}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_TOPIC))
public class KafkaTopicsDependent extends KubernetesDependentResource<KafkaTopic, CrimeStream>
    implements Creator<KafkaTopic, CrimeStream>, Updater<KafkaTopic, CrimeStream>,
    BulkDependentResource<KafkaTopic, CrimeStream, String>, SecondaryToPrimaryMapper<KafkaTopic> {

  public static final String NAME = "kafka-topics";
  public static final String STRIMZI_CLUSTER_LABEL = "strimzi.io/cluster";

  public KafkaTopicsDependent() {
    super(KafkaTopic.class, NAME);
  }

  /**
   * The informer's configuration: the controller's KafkaTopics in {@code namespaces} (empty:
   * every namespace).
   */
  public static KubernetesDependentResourceConfig<KafkaTopic> configuration(
      Set<String> namespaces) {
    return new KubernetesDependentResourceConfigBuilder<KafkaTopic>()
        .withKubernetesDependentInformerConfig(InformerConfiguration.builder(KafkaTopic.class)
            .withLabelSelector(Labels.SELECT_TOPIC)
            .withNamespaces(namespaces.isEmpty() ? Constants.WATCH_ALL_NAMESPACE_SET : namespaces,
                false)
            .build())
        .build();
  }

  @Override
  public Map<String, KafkaTopic> desiredResources(CrimeStream cs, Context<CrimeStream> context) {
    PipelineSettings settings = ContextSettings.of(context);
    Map<String, KafkaTopic> desired = new LinkedHashMap<>();
    settings.kafka().topics().forEach(topic -> desired.put(topic, topic(cs, settings, topic)));
    return desired;
  }

  /**
   * This CrimeStream's KafkaTopics in its Kafka namespace, by Kafka topic name (those left in a
   * namespace it named before are not its concern any more).
   */
  @Override
  public Map<String, KafkaTopic> getSecondaryResources(CrimeStream cs,
                                                       Context<CrimeStream> context) {
    return inNamespace(context.getSecondaryResourcesAsStream(KafkaTopic.class)
        .collect(Collectors.toSet()), ContextSettings.of(context).kafka().namespace());
  }

  /** The topics of {@code namespace} among {@code topics}, by Kafka topic name. */
  public static Map<String, KafkaTopic> inNamespace(Set<KafkaTopic> topics, String namespace) {
    return topics.stream()
        .filter(t -> namespace.equals(t.getMetadata().getNamespace()))
        .collect(Collectors.toMap(KafkaTopicsDependent::topicName, t -> t, (a, b) -> a));
  }

  /** The CrimeStream a KafkaTopic was created for, from its labels. */
  @Override
  public Set<ResourceID> toPrimaryResourceIDs(KafkaTopic topic) {
    Map<String, String> labels = topic.getMetadata().getLabels();
    String name = labels == null ? null : labels.get(Labels.INSTANCE);
    if (name == null) {
      return Set.of();
    }
    // a KafkaTopic created before the namespace label lies beside its CrimeStream
    return Set.of(new ResourceID(name, labels.getOrDefault(Labels.CRIMESTREAM_NAMESPACE,
        topic.getMetadata().getNamespace())));
  }

  @Override
  public void deleteTargetResource(CrimeStream cs, KafkaTopic topic, String name,
                                   Context<CrimeStream> context) {
    throw new UnsupportedOperationException("the reconciliation never deletes a KafkaTopic");
  }

  public static String topicName(KafkaTopic topic) {
    return topic.getSpec() != null && topic.getSpec().getTopicName() != null
        ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
  }

  static KafkaTopic topic(CrimeStream cs, PipelineSettings s, String name) {
    Map<String, String> labels = Labels.of(cs, Labels.COMPONENT_TOPIC);
    labels.put(Labels.CRIMESTREAM_NAMESPACE, cs.getMetadata().getNamespace());
    labels.put(STRIMZI_CLUSTER_LABEL, s.kafka().cluster());
    return new KafkaTopicBuilder()
        .withNewMetadata()
        .withName(ResourceNames.kafkaTopic(name))
        .withNamespace(s.kafka().namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withTopicName(name)
        .withPartitions(1)
        .withReplicas(s.kafka().replicas())
        .endSpec()
        .build();
  }

  /** Compares what this controller decides: topic, partitions, replicas, cluster, CrimeStream. */
  @Override
  public Matcher.Result<KafkaTopic> match(KafkaTopic actual, KafkaTopic desired, CrimeStream cs,
                                          Context<CrimeStream> context) {
    Map<String, String> labels = actual.getMetadata().getLabels();
    Map<String, String> wanted = desired.getMetadata().getLabels();
    boolean same = actual.getSpec() != null && labels != null
        && Objects.equals(actual.getSpec().getTopicName(), desired.getSpec().getTopicName())
        && Objects.equals(actual.getSpec().getPartitions(), desired.getSpec().getPartitions())
        && Objects.equals(actual.getSpec().getReplicas(), desired.getSpec().getReplicas())
        && Set.of(STRIMZI_CLUSTER_LABEL, Labels.INSTANCE, Labels.CRIMESTREAM_NAMESPACE).stream()
            .allMatch(key -> Objects.equals(labels.get(key), wanted.get(key)));
    return Matcher.Result.computed(same, desired);
  }
}
