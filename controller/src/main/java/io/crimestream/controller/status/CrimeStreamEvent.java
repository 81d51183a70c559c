package io.crimestream.controller.status;

/**
 * A Kubernetes Event a status step asks to record on the CrimeStream: what changed in what the
 * job reports (a new champion, a rollback, a drift detection), for {@code kubectl describe} and
 * event exporters.
 *
 * @param warning whether it is a Warning (else Normal)
 * @param reason  CamelCase, what happened, e.g. {@code ChampionPromoted}
 * @param message what, in words, with the model and the batch
 */
public record CrimeStreamEvent(boolean warning, String reason, String message) {

  public String type() {
    return warning ? "Warning" : "Normal";
  }
}
