package io.crimestream.controller.state;

import io.crimestream.controller.api.ProducerState;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;

/**
 * A month's producer Job as Kubernetes' Job controller reports it: its state from the Complete
 * and Failed conditions it sets at the end, and why it failed. The producer Jobs dependent (a
 * month starts once the earlier ones succeeded) and the status (each month's state, and
 * ProducersComplete) both read a Job through this.
 *
 * @param state   Pending (no Job, or no status yet), Running, Succeeded or Failed
 * @param failure the Failed condition's reason and message, when it failed and gave them
 */
public record ProducerJobState(ProducerState state, Optional<String> failure) {

  private static final String TRUE = "True";

  /** A month without a Job yet. */
  public static final ProducerJobState NO_JOB = new ProducerJobState(ProducerState.Pending,
      Optional.empty());

  public static ProducerJobState of(Job job) {
    if (job == null || job.getStatus() == null) {
      return NO_JOB;
    }
    List<JobCondition> conditions = job.getStatus().getConditions();
    if (conditions != null) {
      for (JobCondition c : conditions) {
        if (TRUE.equals(c.getStatus()) && "Complete".equals(c.getType())) {
          return new ProducerJobState(ProducerState.Succeeded, Optional.empty());
        }
        if (TRUE.equals(c.getStatus()) && "Failed".equals(c.getType())) {
          return new ProducerJobState(ProducerState.Failed, describe(c));
        }
      }
    }
    return new ProducerJobState(ProducerState.Running, Optional.empty());
  }

  /** Every row of the month was sent: the next month may start. */
  public boolean succeeded() {
    return state == ProducerState.Succeeded;
  }

  /** The Job gave up after its retries: the months after it wait. */
  public boolean failed() {
    return state == ProducerState.Failed;
  }

  /** The Job runs, or waits for its pod. */
  public boolean running() {
    return state == ProducerState.Running;
  }

  private static Optional<String> describe(JobCondition c) {
    String reason = c.getReason() == null ? "" : c.getReason();
    String message = c.getMessage() == null ? "" : c.getMessage();
    return reason.isEmpty() && message.isEmpty() ? Optional.empty() : Optional.of(reason
        + (reason.isEmpty() || message.isEmpty() ? "" : ": ") + message);
  }
}
