package io.crimestream.job.drift;

import io.crimestream.metrics.DriftEvent;
import io.crimestream.metrics.DriftStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream's drift detectors: one on the arrest rate of the incoming rows (a change either
 * way), and one on each model's prequential error (a rise). Each is a {@link PageHinkley} test
 * fed row by row, in the stream's order; after a detection it starts over.
 */
public final class DriftMonitor {

  /** The detector on the incoming rows' labels. */
  public static final String ARREST_RATE = "arrest_rate";
  /** The prefix of a model's error detector: {@code error:logistic_regression}. */
  public static final String ERROR_PREFIX = "error:";

  /** At most this many detections are kept for the report, the most recent. */
  static final int EVENTS_KEPT = 100;

  /**
   * Everything a restart needs: each detector's test, the detections counted per detector, and
   * the most recent detections.
   */
  public record State(Map<String, PageHinkley.State> detectors, Map<String, Long> detections,
                      List<DriftEvent> events) {}

  private final DriftSettings settings;
  private final Map<String, PageHinkley> detectors = new LinkedHashMap<>();
  private final Map<String, Long> detections = new LinkedHashMap<>();
  private final List<DriftEvent> events = new ArrayList<>();

  public DriftMonitor(DriftSettings settings) {
    this.settings = settings;
    detectors.put(ARREST_RATE, newDetector(PageHinkley.Direction.BOTH));
  }

  public DriftSettings settings() {
    return settings;
  }

  private PageHinkley newDetector(PageHinkley.Direction d) {
    return new PageHinkley(settings.delta(), settings.threshold(), settings.minRows(), d);
  }

  /** One batch's result: every detector's status, and the changes found. */
  public record Observed(Map<String, DriftStatus> statuses, List<DriftEvent> events) {}

  /**
   * Feeds one batch's stream rows, in order.
   *
   * @param labels        the rows' labels
   * @param scores        per model, its scores of the rows (the models that scored them)
   * @param thresholds    per model, its decision threshold for the batch
   * @param firstPosition the stream position of the first row (rows learned before it)
   */
  public Observed observe(long batch, boolean[] labels, Map<String, double[]> scores,
                          Map<String, Double> thresholds, long firstPosition) {
    List<DriftEvent> found = new ArrayList<>();
    Map<String, double[]> values = new LinkedHashMap<>();
    double[] arrests = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      arrests[i] = labels[i] ? 1 : 0;
    }
    values.put(ARREST_RATE, arrests);
    scores.forEach((model, s) -> {
      double t = thresholds.getOrDefault(model, 0.5);
      double[] errors = new double[s.length];
      for (int i = 0; i < s.length; i++) {
        errors[i] = (s[i] >= t) == labels[i] ? 0 : 1;
      }
      values.put(ERROR_PREFIX + model, errors);
    });
    Map<String, DriftStatus> statuses = new LinkedHashMap<>();
    values.forEach((name, xs) -> {
      PageHinkley d = detectors.computeIfAbsent(name, n -> newDetector(PageHinkley.Direction.UP));
      boolean detected = false;
      double statistic = d.statistic();
      for (int i = 0; i < xs.length; i++) {
        if (d.add(xs[i], firstPosition + i)) {
          detected = true;
          statistic = d.statistic();
          found.add(new DriftEvent(batch, name, statistic, firstPosition + i, d.changePoint(),
              settings.resetWindow() ? DriftEvent.WINDOW_RESET : DriftEvent.REPORTED));
          d.reset();
        }
      }
      statuses.put(name, new DriftStatus(detected ? statistic : d.statistic(), d.threshold(), detected));
    });
    for (DriftEvent e : found) {
      detections.merge(e.detector(), 1L, Long::sum);
      events.add(e);
    }
    while (events.size() > EVENTS_KEPT) {
      events.remove(0);
    }
    return new Observed(statuses, found);
  }

  /** Detections per detector since the stream began. */
  public Map<String, Long> detections() {
    return Map.copyOf(detections);
  }

  /** The most recent detections, oldest first. */
  public List<DriftEvent> events() {
    return List.copyOf(events);
  }

  public State state() {
    Map<String, PageHinkley.State> tests = new LinkedHashMap<>();
    detectors.forEach((k, v) -> tests.put(k, v.state()));
    return new State(tests, new LinkedHashMap<>(detections), List.copyOf(events));
  }

  /** Goes on from a checkpointed state; {@code null} (a checkpoint of an older release) starts fresh. */
  public void restore(State state) {
    if (state == null) {
      return;
    }
    if (state.detectors() != null) {
      state.detectors().forEach((name, s) -> detectors.computeIfAbsent(name, n -> newDetector(
          n.equals(ARREST_RATE) ? PageHinkley.Direction.BOTH : PageHinkley.Direction.UP)).restore(s));
    }
    detections.clear();
    if (state.detections() != null) {
      detections.putAll(state.detections());
    }
    events.clear();
    if (state.events() != null) {
      events.addAll(state.events());
    }
  }
}
