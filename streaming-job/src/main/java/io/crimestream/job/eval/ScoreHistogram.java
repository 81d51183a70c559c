package io.crimestream.job.eval;

import io.crimestream.metrics.Scores;
import java.util.Arrays;

/**
 * Scores pooled over a whole stream in constant memory: arrest and non-arrest counts per score
 * bin, plus exact confusion counts at the decision threshold.
 *
 * <p>Keeping every prequential score would grow without bound; with {@value #BINS} bins the area
 * under ROC differs from the exact figure by at most the share of (arrest, non-arrest) pairs whose
 * scores fall in the same bin, counted half: negligible with this many bins, and nothing
 * for tree models, whose scores take few distinct values. Accuracy, precision, recall and F1 are
 * exact.
 */
public final class ScoreHistogram {

  public static final int BINS = 10_000;

  private final long[] positives;
  private final long[] negatives;
  private BinaryMetrics.Confusion confusion = new BinaryMetrics.Confusion(0, 0, 0, 0);

  public ScoreHistogram() {
    this(new long[BINS], new long[BINS]);
  }

  private ScoreHistogram(long[] positives, long[] negatives) {
    this.positives = positives;
    this.negatives = negatives;
  }

  public void add(ScoredRows rows, double threshold) {
    for (int i = 0; i < rows.size(); i++) {
      int bin = bin(rows.scores()[i]);
      if (rows.labels()[i]) {
        positives[bin]++;
      } else {
        negatives[bin]++;
      }
    }
    confusion = confusion.plus(BinaryMetrics.Confusion.at(rows, threshold));
  }

  public Scores scores() {
    if (confusion.total() == 0) {
      return new Scores(null, null, null, null, null, null, 0);
    }
    // highest bin first, as BinaryMetrics expects
    long[] pos = new long[BINS];
    long[] neg = new long[BINS];
    int groups = 0;
    for (int b = BINS - 1; b >= 0; b--) {
      if (positives[b] + negatives[b] > 0) {
        pos[groups] = positives[b];
        neg[groups] = negatives[b];
        groups++;
      }
    }
    return confusion.toScores(BinaryMetrics.areaUnderRoc(pos, neg, groups),
        BinaryMetrics.areaUnderPr(pos, neg, groups));
  }

  /**
   * The score threshold (a bin's lower edge) at which F1 of the arrest class was highest over
   * the pooled scores; empty before any arrest was scored.
   */
  public java.util.OptionalDouble bestF1Threshold() {
    long totalPositives = 0;
    for (long p : positives) {
      totalPositives += p;
    }
    if (totalPositives == 0) {
      return java.util.OptionalDouble.empty();
    }
    long tp = 0;
    long fp = 0;
    double bestF1 = -1;
    int bestBin = BINS / 2;
    for (int b = BINS - 1; b >= 0; b--) {
      tp += positives[b];
      fp += negatives[b];
      if (positives[b] + negatives[b] == 0) {
        continue;
      }
      double f1 = 2.0 * tp / (2.0 * tp + fp + (totalPositives - tp));
      if (f1 > bestF1) {
        bestF1 = f1;
        bestBin = b;
      }
    }
    return java.util.OptionalDouble.of((double) bestBin / BINS);
  }

  /** The state as sparse arrays (only non-empty bins), for the job's checkpoint. */
  public State state() {
    int used = 0;
    for (int b = 0; b < BINS; b++) {
      if (positives[b] + negatives[b] > 0) {
        used++;
      }
    }
    int[] bins = new int[used];
    long[] pos = new long[used];
    long[] neg = new long[used];
    for (int b = 0, k = 0; b < BINS; b++) {
      if (positives[b] + negatives[b] > 0) {
        bins[k] = b;
        pos[k] = positives[b];
        neg[k] = negatives[b];
        k++;
      }
    }
    return new State(bins, pos, neg,
        new long[] {confusion.tp(), confusion.fp(), confusion.tn(), confusion.fn()});
  }

  public static ScoreHistogram fromState(State s) {
    if (s.bins().length != s.positives().length || s.bins().length != s.negatives().length
        || s.confusion().length != 4) {
      throw new IllegalArgumentException("a score histogram state needs as many bins as counts and"
          + " 4 confusion counts");
    }
    ScoreHistogram h = new ScoreHistogram();
    for (int k = 0; k < s.bins().length; k++) {
      h.positives[s.bins()[k]] = s.positives()[k];
      h.negatives[s.bins()[k]] = s.negatives()[k];
    }
    long[] c = s.confusion();
    h.confusion = new BinaryMetrics.Confusion(c[0], c[1], c[2], c[3]);
    return h;
  }

  /** Serializable state: the non-empty bins, their counts, and tp, fp, tn, fn. */
  public record State(int[] bins, long[] positives, long[] negatives, long[] confusion) {
    @Override
    public boolean equals(Object o) {
      return o instanceof State s && Arrays.equals(bins, s.bins) && Arrays.equals(positives, s.positives)
          && Arrays.equals(negatives, s.negatives) && Arrays.equals(confusion, s.confusion);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bins) * 31 + Arrays.hashCode(confusion);
    }

    @Override
    public String toString() {
      return "ScoreHistogram.State" + Arrays.toString(confusion);
    }
  }

  private static int bin(double score) {
    if (Double.isNaN(score)) {
      return 0;
    }
    int b = (int) (score * BINS);
    return Math.max(0, Math.min(BINS - 1, b));
  }
}
