package io.crimestream.controller.status;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.settings.InvalidSpecException;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.MockCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.strimzi.api.kafka.model.common.ConditionBuilder;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Observed states for the status steps' tests. */
final class StatusFixtures {

  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private StatusFixtures() {}

  static CrimeStream crimeStream(String... months) {
    CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", months);
    cs.getMetadata().setGeneration(3L);
    return cs;
  }

  static StatusInput input(CrimeStream cs, ObservedState observed, CrimeStreamStatus status) {
    try {
      PipelineSettings settings = PipelineSettings.of(cs, MockCluster.controllerConfig());
      return new StatusInput(cs, settings, observed, status, NOW);
    } catch (InvalidSpecException e) {
      throw new AssertionError(e);
    }
  }

  static ObservedState observed(Map<String, KafkaTopic> topics, Map<String, Job> jobs,
                                List<Pod> producerPods, Pod driver, ConfigMap metrics) {
    return new ObservedState(true, topics, jobs, producerPods, Optional.ofNullable(driver),
        Optional.ofNullable(metrics));
  }

  static ObservedState nothing() {
    return observed(Map.of(), Map.of(), List.of(), null, null);
  }

  static KafkaTopic topic(String name, String readyStatus, String reason, String message) {
    var builder = new KafkaTopicBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withTopicName(name).endSpec();
    if (readyStatus != null) {
      builder.withNewStatus().withConditions(new ConditionBuilder().withType("Ready")
          .withStatus(readyStatus).withReason(reason).withMessage(message).build()).endStatus();
    }
    return builder.build();
  }

  static Map<String, KafkaTopic> readyTopics() {
    return Map.of("crimenes", topic("crimenes", "True", null, null),
        "crimenes-dlq", topic("crimenes-dlq", "True", null, null),
        "crimenes-predictions", topic("crimenes-predictions", "True", null, null));
  }

  static Job job(String name, String uid, String condition, Integer failed) {
    var b = new JobBuilder().withNewMetadata().withName(name).withUid(uid).endMetadata()
        .withNewStatus().withFailed(failed);
    if (condition != null) {
      b.addNewCondition().withType(condition).withStatus("True")
          .withReason("Failed".equals(condition) ? "BackoffLimitExceeded" : null)
          .withMessage("Failed".equals(condition) ? "Job has reached the specified backoff limit"
              : null)
          .endCondition();
    }
    return b.endStatus().build();
  }

  static Pod terminatedPod(String name, String ownerUid, int exitCode, String message,
                           String finishedAt) {
    return new PodBuilder().withNewMetadata().withName(name).withUid(name + "-uid")
        .addNewOwnerReference().withUid(ownerUid).withKind("Job").withName("job").endOwnerReference()
        .endMetadata()
        .withNewStatus().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .addNewContainerStatus().withName("producer").withNewState().withNewTerminated()
        .withExitCode(exitCode).withMessage(message).withFinishedAt(finishedAt).endTerminated()
        .endState().endContainerStatus().endStatus().build();
  }
}
