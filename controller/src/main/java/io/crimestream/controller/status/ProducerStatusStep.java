package io.crimestream.controller.status;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.MonthStatus;
import io.crimestream.controller.api.ProducerState;
import io.crimestream.controller.api.SourceStatus;
import io.crimestream.controller.state.ProducerJobState;
import io.crimestream.controller.state.ProducerTermination;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Each month's producer state and rows sent, and ProducersComplete. */
public final class ProducerStatusStep implements StatusStep {

  @Override
  public void apply(StatusInput in) {
    List<String> months = in.settings().source().producerMonths().stream()
        .map(YearMonth::toString).toList();
    List<MonthStatus> statuses = new ArrayList<>();
    String waitingFor = Conditions.isTrue(in.status(), ConditionTypes.TOPIC_READY) ? null
        : "the topic";
    MonthStatus failed = null;
    long rowsSent = 0;
    int succeeded = 0;
    for (String month : months) {
      Job job = in.observed().jobs().get(month);
      ProducerJobState state = ProducerJobState.of(job);
      MonthStatus m = new MonthStatus(month, state.state());
      if (in.settings().source().isHistory(YearMonth.parse(month))) {
        m.setHistory(true);
      }
      if (job == null) {
        m.setMessage("waits for " + (waitingFor != null ? waitingFor : "its Job"));
      } else {
        m.setJob(job.getMetadata().getName());
        Integer failedPods = job.getStatus() == null ? null : job.getStatus().getFailed();
        m.setFailedPods(failedPods == null || failedPods == 0 ? null : failedPods);
        Optional<ProducerTermination> last = ProducerTermination.last(job,
            in.observed().producerPods());
        if (state.succeeded()) {
          last.flatMap(t -> t.rowsSent().isPresent()
              ? Optional.of(t.rowsSent().getAsLong()) : Optional.empty())
              .ifPresent(m::setRowsSent);
          last.flatMap(ProducerTermination::source).ifPresent(m::setSource);
        } else if (state.failed()) {
          m.setMessage("Job " + m.getJob() + " failed" + state.failure().map(f -> " (" + f + ")")
              .orElse("")
              + last.map(t -> "; its last pod ended with " + t.describe()).orElse(""));
        } else if (last.isPresent() && last.get().exitCode() != 0) {
          m.setMessage("retrying after " + last.get().describe());
        }
      }
      if (m.getState() != ProducerState.Succeeded && waitingFor == null) {
        waitingFor = month;
      }
      if (m.getState() == ProducerState.Succeeded) {
        succeeded++;
        rowsSent += m.getRowsSent() == null ? 0 : m.getRowsSent();
      }
      if (m.getState() == ProducerState.Failed && failed == null) {
        failed = m;
      }
      statuses.add(m);
    }
    in.status().setMonths(statuses);
    in.status().setSource(statuses.stream().map(MonthStatus::getSource).filter(s -> s != null)
        .reduce(SourceStatus::plus).orElse(null));

    if (failed != null) {
      in.condition(ConditionTypes.PRODUCERS_COMPLETE, Conditions.FALSE, "ProducerFailed",
          "month " + failed.getMonth() + ": " + failed.getMessage() + ". The months after it wait;"
              + " fix the cause and delete Job " + failed.getJob() + " to send the month again");
    } else if (succeeded == months.size()) {
      in.condition(ConditionTypes.PRODUCERS_COMPLETE, Conditions.TRUE, "AllMonthsSent",
          "all " + months.size() + " months sent" + (rowsSent > 0 ? " (" + rowsSent + " rows)" : ""));
    } else {
      String sending = statuses.stream().filter(m -> m.getState() == ProducerState.Running)
          .map(MonthStatus::getMonth).findFirst().orElse(null);
      in.condition(ConditionTypes.PRODUCERS_COMPLETE, Conditions.FALSE, "Producing",
          succeeded + " of " + months.size() + " months sent"
              + (sending != null ? "; sending " + sending : ""));
    }
  }
}
