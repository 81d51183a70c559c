package io.crimestream.controller.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.DatasetSource;
import io.crimestream.controller.command.DatasetMount;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.kafka.KafkaConnection;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerJobsDependentTest {

  private final CrimeStream cs = CrimeStreams.replay("study", "/mnt/chicago/crimes.csv",
      "2016-04", "2016-05", "2016-06");

  @Test
  void aMonthsJobRunsTheProducerImageWithTheMonthTheDatasetAndThePace() throws Exception {
    cs.getSpec().getProducer().setReplay(false);
    cs.getSpec().getProducer().setRowsPerSecond(2.5);
    Job job = ProducerJobsDependent.job(cs, CrimeStreams.settings(cs), YearMonth.of(2016, 5));

    assertThat(job.getMetadata().getName()).isEqualTo("study-producer-2016-05");
    assertThat(job.getMetadata().getLabels()).containsEntry(Labels.MONTH, "2016-05")
        .containsEntry(Labels.INSTANCE, "study").containsEntry(Labels.COMPONENT, "producer");
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    Container c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("crimestream/producer:test");
    assertThat(c.getCommand()).as("the image's entry point runs the producer").isEmpty();
    assertThat(c.getArgs()).containsExactly("--months", "2016-05",
        "--source", "/var/run/crimestream/dataset/crimes.csv", "--topic", "crimenes",
        "--rows-per-second", "2.5", "--batch-rows", "120");
    assertThat(c.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(
        org.assertj.core.groups.Tuple.tuple(KafkaConnection.ENV_BOOTSTRAP_SERVERS,
            "my-cluster-kafka-bootstrap.crimes.svc:9092"),
        org.assertj.core.groups.Tuple.tuple(ProducerJobsDependent.ENV_TERMINATION_MESSAGE_PATH,
            c.getTerminationMessagePath()));
    // the file's folder on the node, read-only
    assertThat(pod.getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo(DatasetMount.VOLUME_NAME);
      assertThat(v.getHostPath().getPath()).isEqualTo("/mnt/chicago");
    });
    assertThat(c.getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getMountPath()).isEqualTo(DatasetMount.MOUNT_PATH);
      assertThat(m.getReadOnly()).isTrue();
    });
    assertRestricted(pod, c);
  }

  static void assertRestricted(io.fabric8.kubernetes.api.model.PodSpec pod, Container c) {
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath())
        .isEqualTo("/tmp"));
  }

  @Test
  void replayAndTheCityApiAreArguments() throws Exception {
    DatasetSource cityApi = new DatasetSource();
    cityApi.setCityApi(true);
    cs.getSpec().setSource(cityApi);
    Job job = ProducerJobsDependent.job(cs, CrimeStreams.settings(cs), YearMonth.of(2016, 4));

    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("--socrata", "--replay").doesNotContain("--source");
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes())
        .noneMatch(v -> v.getName().equals(DatasetMount.VOLUME_NAME));
  }

  @Test
  void aMonthStartsOnlyAfterEveryEarlierMonthSucceeded() throws Exception {
    PipelineSettings s = CrimeStreams.settings(cs);

    assertThat(ProducerJobsDependent.desiredJobs(cs, s, Map.of()).keySet())
        .containsExactly("2016-04");
    assertThat(ProducerJobsDependent.desiredJobs(cs, s, Map.of("2016-04", job("Running")))
        .keySet()).containsExactly("2016-04");
    assertThat(ProducerJobsDependent.desiredJobs(cs, s, Map.of("2016-04", job("Failed")))
        .keySet()).containsExactly("2016-04");
    assertThat(ProducerJobsDependent.desiredJobs(cs, s, Map.of("2016-04", job("Complete")))
        .keySet()).containsExactly("2016-04", "2016-05");
    // a re-run of April (its Job deleted) keeps May's Job rather than deleting it
    assertThat(ProducerJobsDependent.desiredJobs(cs, s, Map.of("2016-05", job("Complete")))
        .keySet()).containsExactly("2016-04", "2016-05");
  }

  @Test
  void historyMonthsAreSentFirstAndMarkedAsHistory() throws Exception {
    cs.getSpec().setHistory(java.util.List.of("2016-02", "2016-03"));
    PipelineSettings s = CrimeStreams.settings(cs);

    assertThat(ProducerJobsDependent.desiredJobs(cs, s, Map.of()).keySet())
        .containsExactly("2016-02");
    assertThat(ProducerJobsDependent.desiredJobs(cs, s,
        Map.of("2016-02", job("Complete"), "2016-03", job("Complete"))).keySet())
        .containsExactly("2016-02", "2016-03", "2016-04");
    Container history = ProducerJobsDependent.job(cs, s, YearMonth.of(2016, 3)).getSpec()
        .getTemplate().getSpec().getContainers().get(0);
    assertThat(history.getArgs()).contains("--history").containsSubsequence("--months", "2016-03");
    Container streamed = ProducerJobsDependent.job(cs, s, YearMonth.of(2016, 4)).getSpec()
        .getTemplate().getSpec().getContainers().get(0);
    assertThat(streamed.getArgs()).doesNotContain("--history");
  }

  static Job job(String condition) {
    var status = new JobBuilder().withNewStatus().withActive(1).endStatus().build();
    if (!condition.equals("Running")) {
      status = new JobBuilder().withNewStatus().addNewCondition().withType(condition)
          .withStatus("True").endCondition().endStatus().build();
    }
    return status;
  }
}
