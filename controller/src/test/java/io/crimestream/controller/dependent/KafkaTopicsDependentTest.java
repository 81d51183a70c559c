package io.crimestream.controller.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.testing.CrimeStreams;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
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
    KafkaTopic topic = KafkaTopicsDependent.topic(cs, PipelineSettingsTest.settings(cs),
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
  void ownedByTheCrimeStreamOnlyWhenItsDeletionShouldDeleteTheTopic() throws Exception {
    cs.getSpec().getKafka().setDeleteTopic(true);
    KafkaTopic topic = KafkaTopicsDependent.topic(cs, PipelineSettingsTest.settings(cs),
        "crimenes");

    assertThat(topic.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(r -> assertThat(r.getUid()).isEqualTo(cs.getMetadata().getUid()));
  }
}
