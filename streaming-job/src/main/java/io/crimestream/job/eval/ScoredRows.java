package io.crimestream.job.eval;

/**
 * A model's arrest scores (probabilities in [0, 1]) for some rows, with the rows' true labels.
 * Plain arrays: a batch of scores is built once and read once.
 */
public record ScoredRows(double[] scores, boolean[] labels) {

  public ScoredRows {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
    }
  }

  public int size() {
    return scores.length;
  }
}
