package io.crimestream.controller.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ProducerState;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

/** A producer Job's state, as the Jobs dependent and the months' status both read it. */
class ProducerJobStateTest {

  @Test
  void aJobsStateComesFromItsConditions() {
    assertThat(ProducerJobState.of(null)).isEqualTo(ProducerJobState.NO_JOB);
    assertThat(ProducerJobState.of(new Job()).state()).isEqualTo(ProducerState.Pending);
    assertThat(ProducerJobState.of(job("Running")).state()).isEqualTo(ProducerState.Running);
    assertThat(ProducerJobState.of(job("Complete")).state()).isEqualTo(ProducerState.Succeeded);
    assertThat(ProducerJobState.of(job("Failed")).state()).isEqualTo(ProducerState.Failed);
  }

  @Test
  void onlyASucceededJobLetsTheNextMonthStart() {
    assertThat(ProducerJobState.of(job("Complete")).succeeded()).isTrue();
    assertThat(ProducerJobState.of(job("Running")).succeeded()).isFalse();
    assertThat(ProducerJobState.of(job("Failed")).succeeded()).isFalse();
    assertThat(ProducerJobState.of(job("Failed")).failed()).isTrue();
    assertThat(ProducerJobState.NO_JOB.succeeded()).isFalse();
  }

  @Test
  void aFailedJobSaysWhyAsKubernetesWroteIt() {
    Job failed = new JobBuilder().withNewStatus().addNewCondition().withType("Failed")
        .withStatus("True").withReason("BackoffLimitExceeded")
        .withMessage("Job has reached the specified backoff limit").endCondition().endStatus()
        .build();

    assertThat(ProducerJobState.of(failed).failure())
        .contains("BackoffLimitExceeded: Job has reached the specified backoff limit");
    assertThat(ProducerJobState.of(job("Failed")).failure()).isEmpty();
  }

  private static Job job(String condition) {
    if (condition.equals("Running")) {
      return new JobBuilder().withNewStatus().withActive(1).endStatus().build();
    }
    return new JobBuilder().withNewStatus().addNewCondition().withType(condition)
        .withStatus("True").endCondition().endStatus().build();
  }
}
