package io.crimestream.controller.status;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Writes conditions the way the Kubernetes API conventions ask: one per type, and
 * {@code lastTransitionTime} changes only when the status does.
 */
public final class Conditions {

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}

  public static void set(CrimeStreamStatus status, String type, String value, String reason,
                         String message, Long generation, Instant now) {
    Optional<Condition> existing = find(status, type);
    Condition c = existing.orElseGet(() -> {
      Condition created = new Condition();
      created.setType(type);
      status.getConditions().add(created);
      return created;
    });
    if (!value.equals(c.getStatus()) || c.getLastTransitionTime() == null) {
      c.setLastTransitionTime(now.toString());
    }
    c.setStatus(value);
    c.setReason(reason);
    c.setMessage(message);
    c.setObservedGeneration(generation);
    status.getConditions().sort(Comparator.comparingInt(x -> order(x.getType())));
  }

  public static Optional<Condition> find(CrimeStreamStatus status, String type) {
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(CrimeStreamStatus status, String type) {
    return find(status, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }

  private static int order(String type) {
    int i = ConditionTypes.ALL.indexOf(type);
    return i < 0 ? Integer.MAX_VALUE : i;
  }
}
