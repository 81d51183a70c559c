package io.crimestream.controller.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.common.ConditionBuilder;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strimzi as far as CrimeStream needs it on the local control plane, and no further. The Strimzi
 * artifact on Maven Central the project uses, io.strimzi:api, ships the model classes but not the
 * CRDs, so {@link #crds()} are STAND-INS: the KafkaTopic, Kafka and KafkaNodePool CRDs with Strimzi's
 * group, version, kinds and names but an open schema (labelled {@value #STAND_IN_LABEL}). The
 * topic operator is a stand-in too: it creates each KafkaTopic's topic in the test's broker and
 * marks it Ready, as Strimzi's does.
 */
public final class StandInStrimzi implements AutoCloseable {

  public static final String STAND_IN_LABEL = "test.crimestream.io/stand-in";
  private static final Logger LOG = LoggerFactory.getLogger(StandInStrimzi.class);

  private final KubernetesClient client;
  private final String namespace;
  private final Consumer<String> topicCreator;
  private final Thread loop;
  private volatile boolean stopped;

  /** Starts the stand-in topic operator on {@code namespace}. */
  public StandInStrimzi(KubernetesClient client, String namespace, Consumer<String> topicCreator) {
    this.client = client;
    this.namespace = namespace;
    this.topicCreator = topicCreator;
    this.loop = new Thread(this::run, "stand-in-topic-operator");
    loop.setDaemon(true);
    loop.start();
  }

  /** Open-schema stand-ins for Strimzi's CRDs (kafka.strimzi.io/v1). */
  public static List<CustomResourceDefinition> crds() {
    return List.of(crd(KafkaTopic.RESOURCE_KIND, KafkaTopic.RESOURCE_PLURAL,
            KafkaTopic.RESOURCE_SINGULAR),
        crd("Kafka", "kafkas", "kafka"),
        crd("KafkaNodePool", "kafkanodepools", "kafkanodepool"));
  }

  private static CustomResourceDefinition crd(String kind, String plural, String singular) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(plural + "." + KafkaTopic.RESOURCE_GROUP)
        .addToLabels(STAND_IN_LABEL, "open-schema").endMetadata()
        .withNewSpec()
        .withGroup(KafkaTopic.RESOURCE_GROUP)
        .withScope("Namespaced")
        .withNewNames().withKind(kind).withPlural(plural).withSingular(singular).endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSubresources().withNewStatus().endStatus().endSubresources()
        .withNewSchema().withNewOpenAPIV3Schema().withType("object")
        .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion()
        .endSpec()
        .build();
  }

  private void run() {
    while (!stopped) {
      try {
        topicOperator();
      } catch (RuntimeException e) {
        LOG.debug("topic operator pass: {}", e.getMessage());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void topicOperator() {
    for (KafkaTopic topic : client.resources(KafkaTopic.class).inNamespace(namespace).list()
        .getItems()) {
      boolean ready = topic.getStatus() != null && topic.getStatus().getConditions() != null
          && topic.getStatus().getConditions().stream()
          .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
      if (ready || topic.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      String name = topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName()
          : topic.getMetadata().getName();
      topicCreator.accept(name);
      client.resources(KafkaTopic.class).inNamespace(namespace)
          .withName(topic.getMetadata().getName()).editStatus(t -> {
            KafkaTopicStatus status = new KafkaTopicStatus();
            status.setTopicName(name);
            status.setObservedGeneration(t.getMetadata().getGeneration());
            status.setConditions(List.of(new ConditionBuilder().withType("Ready")
                .withStatus("True").withLastTransitionTime(Instant.now().toString()).build()));
            t.setStatus(status);
            return t;
          });
    }
  }

  @Override
  public void close() {
    stopped = true;
    loop.interrupt();
    try {
      loop.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
