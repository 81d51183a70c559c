package io.crimestream.controller.status;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.settings.PipelineSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a status step reads ({@code cs}, {@code settings}, {@code observed}, {@code now}) and
 * writes ({@code status}, and when the controller should look again).
 */
public final class StatusInput {

  private final CrimeStream cs;
  private final PipelineSettings settings;
  private final ObservedState observed;
  private final CrimeStreamStatus status;
  private final Instant now;
  private Duration recheckAfter;

  public StatusInput(CrimeStream cs, PipelineSettings settings, ObservedState observed,
                     CrimeStreamStatus status, Instant now) {
    this.cs = cs;
    this.settings = settings;
    this.observed = observed;
    this.status = status;
    this.now = now;
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

  public Optional<Duration> recheckAfter() {
    return Optional.ofNullable(recheckAfter);
  }
}
