package io.crimestream.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A change of what serves the predictions: a model {@code promoted} to champion, the champion
 * {@code rolled_back} to an earlier version, or {@code restored} to its latest.
 *
 * @param batch       the batch after which it happened
 * @param type        {@code promoted}, {@code rolled_back} or {@code restored}
 * @param model       the champion after the event
 * @param version     its serving version after the event
 * @param fromModel   the champion before (for a promotion)
 * @param fromVersion the serving version before
 * @param reason      the figures that decided, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChampionEvent(long batch, String type, String model, int version, String fromModel,
                            Integer fromVersion, String reason) {

  public static final String PROMOTED = "promoted";
  public static final String ROLLED_BACK = "rolled_back";
  public static final String RESTORED = "restored";
}
