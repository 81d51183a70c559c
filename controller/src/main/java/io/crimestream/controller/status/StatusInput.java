package io.crimestream.controller.status;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.metrics.MetricsReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a status step reads ({@code cs}, {@code settings}, {@code observed}, {@code now}, the
 * job's summary once read) and writes ({@code status}, the Events to record, and when the
 * controller should look again).
 */
public final class StatusInput {

  private final CrimeStream cs;
  private final PipelineSettings settings;
  private final ObservedState observed;
  private final CrimeStreamStatus status;
  private final Instant now;
  private Duration recheckAfter;
  private final Long recordedUpTo;
  private MetricsReport.Summary summary;
  private final List<CrimeStreamEvent> events = new ArrayList<>();

  public StatusInput(CrimeStream cs, PipelineSettings settings, ObservedState observed,
                     CrimeStreamStatus status, Instant now) {
    this.cs = cs;
    this.settings = settings;
    this.observed = observed;
    this.status = status;
    this.now = now;
    this.recordedUpTo = status.getEventsRecordedUpTo();
  }

  public CrimeStream cs() {
    return cs;
  }

  public PipelineSettings settings() {
    return settings;
  }

  public ObservedState observed() {
    return observed;
  }

  public CrimeStreamStatus status() {
    return status;
  }

  public Instant now() {
    return now;
  }

  /** Sets a condition of this CrimeStream's status at its current generation. */
  public void condition(String type, String value, String reason, String message) {
    Conditions.set(status, type, value, reason, message, cs.getMetadata().getGeneration(), now);
  }

  /** Asks for another reconciliation after {@code delay} at the latest. */
  public void recheckAfter(Duration delay) {
    if (recheckAfter == null || delay.compareTo(recheckAfter) < 0) {
      recheckAfter = delay;
    }
  }

  /** The streaming job's summary, once the metrics step has read it. */
  public Optional<MetricsReport.Summary> summary() {
    return Optional.ofNullable(summary);
  }

  void summary(MetricsReport.Summary read) {
    this.summary = read;
  }

  /**
   * Whether what the job reported of {@code batch} is not an Event yet: it is later than the
   * batches recorded before, or the stream began again (its batches are below that mark: a new
   * checkpoint).
   */
  public boolean unrecorded(long batch) {
    boolean restarted = summary != null && recordedUpTo != null && summary.lastBatch() < recordedUpTo;
    return recordedUpTo == null || restarted || batch > recordedUpTo;
  }

  /** An Event to record on the CrimeStream once the status is computed. */
  public void event(CrimeStreamEvent event) {
    events.add(event);
  }

  public List<CrimeStreamEvent> events() {
    return List.copyOf(events);
  }

  public Optional<Duration> recheckAfter() {
    return Optional.ofNullable(recheckAfter);
  }
}
