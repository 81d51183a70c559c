package io.crimestream.job.dashboard;

import io.crimestream.job.predictions.PredictionSink;
import io.crimestream.job.predictions.SourcedPrediction;
import io.crimestream.record.WireCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The dashboard's "latest predictions": a prediction sink that keeps the most recent ones in
 * memory, bounded, with the incident's type and description read back from the record that was
 * scored. In memory only: after a restart the list starts empty, which is what a person watching
 * the stream expects of "latest".
 */
public final class LatestPredictions implements PredictionSink {

  /** How many the dashboard lists by default: a screenful. */
  public static final int DEFAULT_CAPACITY = 50;

  private final int capacity;
  private final Deque<RecentPrediction> latest = new ArrayDeque<>();

  public LatestPredictions(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("the latest predictions' capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public void publish(long batch, List<SourcedPrediction> predictions) {
    // only the last few of a batch can stay: decode no more than those
    List<RecentPrediction> kept = new ArrayList<>();
    for (SourcedPrediction p : predictions.subList(Math.max(0, predictions.size() - capacity), predictions.size())) {
      kept.add(RecentPrediction.of(p.prediction(), incident(p)));
    }
    synchronized (latest) {
      kept.forEach(latest::addFirst);
      while (latest.size() > capacity) {
        latest.removeLast();
      }
    }
  }

  /** The most recent first. */
  public List<RecentPrediction> latest() {
    synchronized (latest) {
      return List.copyOf(latest);
    }
  }

  public int capacity() {
    return capacity;
  }

  private static io.crimestream.record.CrimeRecord incident(SourcedPrediction p) {
    if (p.source() == null || p.source().value() == null) {
      return null;
    }
    // the record was accepted before it was scored, so it decodes again; otherwise it has no text
    return WireCodec.decode(p.source().value(), p.source().source()) instanceof WireCodec.Accepted a
        ? a.record() : null;
  }

  @Override
  public String toString() {
    return "the dashboard's latest " + capacity + " predictions";
  }
}
