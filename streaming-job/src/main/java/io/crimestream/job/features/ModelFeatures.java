package io.crimestream.job.features;

import io.crimestream.options.FeatureSet;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.Metadata;

/**
 * The vectors one round of training uses: each row's stored vectors, plus (improved set) the
 * {@link ArrestRates} learned from this round's training rows.
 *
 * <p>Rates depend on the training window, so they are the one part of a vector recomputed per
 * batch (a hash lookup per row). A training row gets out-of-fold rates (its own label never
 * feeds its features, else trees would learn the label from its echo in the rate); a row being
 * scored gets the rates from every training row. A fitted model keeps the instance it was
 * trained with, so later scoring uses the same rates.
 */
public final class ModelFeatures {

  static final int FOLDS = 5;

  private final ArrestRates rates;
  private final Metadata treeMetadata;
  private final int largestTreeCategory;
  private final String largestTreeCategoryName;

  private ModelFeatures(ArrestRates rates, Metadata treeMetadata, int largestTreeCategory,
                        String largestTreeCategoryName) {
    this.rates = rates;
    this.treeMetadata = treeMetadata;
    this.largestTreeCategory = largestTreeCategory;
    this.largestTreeCategoryName = largestTreeCategoryName;
  }

  public static ModelFeatures forTraining(FeatureEncoder encoder, List<EncodedRow> training) {
    boolean withRates = encoder.featureSet() == FeatureSet.IMPROVED;
    Metadata meta = encoder.treeMetadata(withRates ? ArrestRates.NAMES : List.of());
    return new ModelFeatures(withRates ? ArrestRates.fit(training) : null, meta,
        encoder.largestTreeCategory(), encoder.largestTreeCategoryName());
  }

  /**
   * The features of a saved model: the rates it was trained with ({@code null} for the study's
   * set, which has none). Enough to score; not to train.
   */
  public static ModelFeatures forScoring(ArrestRates rates) {
    return new ModelFeatures(rates, Metadata.empty(), 0, null);
  }

  /** The rates scoring uses, or {@code null} when the feature set has none. */
  public ArrestRates rates() {
    return rates;
  }

  /** The tree vector's column metadata: which slots are categories, and how many values each has. */
  public Metadata treeMetadata() {
    return treeMetadata;
  }

  /** Bins trees need: at least the largest number of categories of any categorical slot. */
  public int maxBins() {
    return Math.max(32, largestTreeCategory);
  }

  /** The most values of any categorical tree slot (0 when the trees get none). */
  public int largestTreeCategory() {
    return largestTreeCategory;
  }

  /** That slot's name, or {@code null}. */
  public String largestTreeCategoryName() {
    return largestTreeCategoryName;
  }

  /** The training rows' rates, out of fold; {@code null} rows when the set has no rates. */
  public double[][] trainingRates(List<EncodedRow> training) {
    return rates == null ? new double[training.size()][] : ArrestRates.outOfFold(training, FOLDS);
  }

  /** Rates for a row being scored, from all training rows; {@code null} when the set has none. */
  public double[] scoringRates(EncodedRow row) {
    return rates == null ? null : rates.rates(row.keys());
  }

  public Vector tree(EncodedRow row, double[] rowRates) {
    if (rowRates == null) {
      return row.treeFeatures();
    }
    double[] base = row.treeFeatures().toArray();
    double[] v = Arrays.copyOf(base, base.length + rowRates.length);
    System.arraycopy(rowRates, 0, v, base.length, rowRates.length);
    return new DenseVector(v);
  }

  /**
   * The linear vector, with the IUCR code's rate as log-odds (what a logistic model adds up): the
   * rate carries what the code's one-hot weight cannot yet, while the code is rare. The other
   * rates go to the trees only: they mostly repeat what the linear model's one-hot blocks say,
   * and on the shared exports they did not raise its prequential AUC (README, "Models").
   */
  public Vector linear(EncodedRow row, double[] rowRates) {
    if (rowRates == null) {
      return row.linearFeatures();
    }
    SparseVector base = row.linearFeatures().toSparse();
    int n = base.indices().length;
    int[] idx = Arrays.copyOf(base.indices(), n + 1);
    double[] val = Arrays.copyOf(base.values(), n + 1);
    idx[n] = base.size();
    val[n] = logit(rowRates[ArrestRates.IUCR]);
    return Vectors.sparse(base.size() + 1, idx, val);
  }

  private static double logit(double p) {
    double q = Math.min(0.99, Math.max(0.01, p));
    return Math.log(q / (1 - q));
  }
}
