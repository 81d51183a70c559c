package io.crimestream.controller.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.MockCluster;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaTopicsDependentTest {

  private final CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-04");

  {
    cs.getMetadata().setUid("0d9f3a34-6a8f-4c6e-8a1e-1f2f3f4f5f6f");
  }

  @Test
  void oneOrderedPartitionLabelledForTheClustersTopicOperator() throws Exception {
    cs.getSpec().getKafka().setTopic("Crimes_2016");
    cs.getSpec().getKafka().setReplicas(3);
    KafkaTopic topic = KafkaTopicsDependent.topic(cs, CrimeStreams.settings(cs),
        "Crimes_2016");

    assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
    assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "my-cluster");
    assertThat(topic.getMetadata().getNamespace()).isEqualTo("crimes");
    // a Kafka name Kubernetes does not allow becomes a legal object name; the topic keeps its own
    assertThat(topic.getMetadata().getName()).isEqualTo("crimes-2016");
    assertThat(topic.getSpec().getTopicName()).isEqualTo("Crimes_2016");
    assertThat(topic.getSpec().getPartitions()).isEqualTo(1);
    assertThat(topic.getSpec().getReplicas()).isEqualTo(3);
    assertThat(topic.getMetadata().getOwnerReferences()).isEmpty();
  }

  @Test
  void neverOwnedButLabelledForItsCrimeStreamWhichTheMapperFindsAgain() throws Exception {
    cs.getSpec().getKafka().setDeleteTopic(true);
    cs.getSpec().getKafka().setNamespace("kafka");
    KafkaTopic topic = KafkaTopicsDependent.topic(cs, settingsReachingKafka(), "crimenes");

    // an owner reference cannot point into another namespace: the labels say whose it is
    assertThat(topic.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(topic.getMetadata().getNamespace()).isEqualTo("kafka");
    assertThat(topic.getMetadata().getLabels()).containsEntry(Labels.INSTANCE, "study")
        .containsEntry(Labels.CRIMESTREAM_NAMESPACE, "crimes")
        .containsEntry("strimzi.io/cluster", "my-cluster");
    assertThat(new KafkaTopicsDependent().toPrimaryResourceIDs(topic))
        .containsExactly(new ResourceID("study", "crimes"));
  }

  @Test
  void aTopicWrittenBeforeTheNamespaceLabelMapsToTheCrimeStreamBesideIt() {
    KafkaTopic old = new KafkaTopicBuilder().withNewMetadata().withName("crimenes")
        .withNamespace("crimes").addToLabels(Labels.INSTANCE, "study").endMetadata().build();
    KafkaTopic foreign = new KafkaTopicBuilder().withNewMetadata().withName("other")
        .withNamespace("crimes").endMetadata().build();

    assertThat(new KafkaTopicsDependent().toPrimaryResourceIDs(old))
        .containsExactly(new ResourceID("study", "crimes"));
    assertThat(new KafkaTopicsDependent().toPrimaryResourceIDs(foreign)).isEmpty();
  }

  private PipelineSettings settingsReachingKafka() throws Exception {
    return PipelineSettings.of(cs, MockCluster.controllerConfig(Set.of("kafka"), List.of()));
  }
}
