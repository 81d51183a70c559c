package io.crimestream.metrics;

import java.util.List;
import java.util.Map;

/**
 * The stream's drift detections so far: a report's {@code drift}.
 *
 * @param detections per detector ({@code arrest_rate}, {@code error:<model>}), how many changes
 *                   it detected since the stream began
 * @param events     the most recent detections, oldest first
 */
public record DriftReport(Map<String, Long> detections, List<DriftEvent> events) {

  /** The latest detection, if any. */
  public java.util.Optional<DriftEvent> latest() {
    return events == null || events.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(events.get(events.size() - 1));
  }
}
