package io.crimestream.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A change a drift detector found.
 *
 * @param batch       the batch in which it was detected
 * @param detector    {@code arrest_rate}, or {@code error:<model>} for a model's prequential error
 * @param statistic   the detector's statistic at the detection
 * @param detectedAt  where it was detected: the number of rows learned before the row that
 *                    pushed the statistic over the threshold
 * @param changePoint where the change began: the number of rows learned before it
 * @param action      {@code reported}, or {@code window_reset} when the training window was
 *                    restarted at the change point
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftEvent(long batch, String detector, double statistic, long detectedAt, long changePoint,
                         String action) {

  public static final String REPORTED = "reported";
  public static final String WINDOW_RESET = "window_reset";
}
