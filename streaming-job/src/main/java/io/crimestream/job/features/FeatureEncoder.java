package io.crimestream.job.features;

import io.crimestream.options.FeatureSet;
import io.crimestream.record.CrimeRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.Metadata;

/**
 * Turns records into the two feature vectors the models learn from, once per record, following
 * the feature set's {@link FeatureLayout}.
 *
 * <p>Both vectors have a fixed layout for the life of the stream, so a stored vector stays valid
 * as new categories appear:
 * <ul>
 *   <li>the <b>tree</b> vector holds the tree categories, then the tree numbers; a category is a
 *       stable {@link Vocabulary} index that trees split on as a true category (Spark orders a
 *       binary label's categories by arrest rate, so a split on IUCR can group codes by how often
 *       they end in an arrest). Only the number of categories, given in the column's metadata at
 *       training time, grows.</li>
 *   <li>the <b>linear</b> vector one-hot encodes each linear category in a block of fixed capacity
 *       (index 0 of a block means missing; values past capacity share an "other" slot; a value the
 *       model never saw in training carries a weight of 0), followed by the linear numbers.</li>
 * </ul>
 * The study's layout puts category indexes into one dense vector as plain numbers, for every model.
 * Not thread-safe: the job encodes on the driver, one batch after the other.
 */
public final class FeatureEncoder {

  /** Center of the city in Illinois State Plane feet: stands in for missing coordinates. */
  static final double CITY_CENTER_X = FeatureLayout.CITY_CENTER_X;

  private final FeatureSet set;
  private final FeatureLayout layout;
  private final List<Vocabulary> vocabularies = new ArrayList<>();
  private final int[] linearBlockOffsets;
  private final int linearBlocks;
  private final int linearWidth;

  public FeatureEncoder(FeatureSet set) {
    this.set = set;
    this.layout = FeatureLayout.of(set);
    layout.categories().forEach(c -> vocabularies.add(new Vocabulary(c.name(), c.capacity())));
    linearBlockOffsets = new int[layout.categories().size()];
    int offset = 0;
    int blocks = 0;
    for (int i = 0; i < linearBlockOffsets.length; i++) {
      boolean linear = linearBlock(i);
      linearBlockOffsets[i] = linear ? offset : NOT_LINEAR;
      offset += linear ? layout.categories().get(i).capacity() : 0;
      blocks += linear ? 1 : 0;
    }
    linearBlocks = blocks;
    linearWidth = layout.categoryIndexesAsNumbers() ? treeWidth() : offset + layout.linearNumbers().size();
  }

  private static final int NOT_LINEAR = -1;

  /** The categories' values as indexed so far: what a saved model needs to encode as it trained. */
  public record State(FeatureSet featureSet, List<Vocabulary.State> vocabularies) {}

  public State state() {
    return new State(set, vocabularies.stream().map(Vocabulary::state).toList());
  }

  /** An encoder that goes on from a saved state: the same values get the same indexes. */
  public static FeatureEncoder restore(State state) {
    FeatureEncoder e = new FeatureEncoder(state.featureSet());
    if (state.vocabularies().size() != e.vocabularies.size()) {
      throw new IllegalArgumentException("a saved " + state.featureSet().id() + " feature state has "
          + state.vocabularies().size() + " categories, this release's layout "
          + e.vocabularies.size() + ": it was saved by another release");
    }
    for (int i = 0; i < e.vocabularies.size(); i++) {
      Vocabulary.State v = state.vocabularies().get(i);
      if (!v.name().equals(e.vocabularies.get(i).name())) {
        throw new IllegalArgumentException("a saved feature state's category " + (i + 1) + " is "
            + v.name() + ", this release's " + e.vocabularies.get(i).name());
      }
      e.vocabularies.set(i, Vocabulary.restore(v));
    }
    return e;
  }

  public FeatureSet featureSet() {
    return set;
  }

  /** Encodes {@code r}, learning any new category value it carries. */
  public EncodedRow encode(CrimeRecord r) {
    int[] categories = new int[vocabularies.size()];
    for (int i = 0; i < categories.length; i++) {
      categories[i] = vocabularies.get(i).indexOf(layout.categories().get(i).value().apply(r));
    }
    Vector tree = Vectors.dense(treeVector(r, categories));
    Vector linear = layout.categoryIndexesAsNumbers() ? tree : linearVector(r, categories);
    return new EncodedRow(r.id(), r.arrest(), HeldOutSplit.isHeldOut(r.id()),
        new EncodedRow.RateKeys(r.iucr(), r.primaryType(), r.locationDescription(), r.beat()),
        tree, linear);
  }

  public int treeWidth() {
    int categories = 0;
    for (int i = 0; i < vocabularies.size(); i++) {
      categories += inTreeVector(i) ? 1 : 0;
    }
    return categories + layout.treeNumbers().size();
  }

  public int linearWidth() {
    return linearWidth;
  }

  /**
   * The tree vector's column metadata as of now: which slots are categories and how many values
   * each has seen (plus one, so that a value first seen after training still has a slot).
   */
  public Metadata treeMetadata() {
    return treeMetadata(List.of());
  }

  /** The same, for a vector that continues with the numeric slots {@code extraNumeric}. */
  public Metadata treeMetadata(List<String> extraNumeric) {
    List<Attribute> attrs = new ArrayList<>();
    for (int i = 0; i < vocabularies.size(); i++) {
      Vocabulary v = vocabularies.get(i);
      if (treeCategory(i)) {
        attrs.add(NominalAttribute.defaultAttr().withName(v.name()).withNumValues(v.size() + 1));
      } else if (inTreeVector(i)) {
        attrs.add(NumericAttribute.defaultAttr().withName(v.name() + "_index"));
      }
    }
    layout.treeNumbers().forEach(n -> attrs.add(NumericAttribute.defaultAttr().withName(n.name())));
    extraNumeric.forEach(n -> attrs.add(NumericAttribute.defaultAttr().withName(n)));
    return new AttributeGroup("treeFeatures", attrs.toArray(new Attribute[0])).toMetadata();
  }

  /** The most values any categorical tree slot has: trees need at least that many bins. */
  public int largestTreeCategory() {
    int largest = largestTreeCategoryIndex();
    return largest < 0 ? 0 : vocabularies.get(largest).size() + 1;
  }

  /** The name of the categorical tree slot with the most values, or {@code null} if none. */
  public String largestTreeCategoryName() {
    int largest = largestTreeCategoryIndex();
    return largest < 0 ? null : vocabularies.get(largest).name();
  }

  private int largestTreeCategoryIndex() {
    int largest = -1;
    for (int i = 0; i < vocabularies.size(); i++) {
      if (treeCategory(i) && (largest < 0
          || vocabularies.get(i).size() > vocabularies.get(largest).size())) {
        largest = i;
      }
    }
    return largest;
  }

  /** Whether category {@code i} is a slot of the tree vector (as a category or, study, a number). */
  private boolean inTreeVector(int i) {
    return layout.categoryIndexesAsNumbers() || layout.categories().get(i).use().tree();
  }

  /** Whether category {@code i} is a true categorical split for the trees. */
  private boolean treeCategory(int i) {
    return !layout.categoryIndexesAsNumbers() && layout.categories().get(i).use().tree();
  }

  private boolean linearBlock(int i) {
    return !layout.categoryIndexesAsNumbers() && layout.categories().get(i).use().linear();
  }

  private double[] treeVector(CrimeRecord r, int[] categories) {
    double[] v = new double[treeWidth()];
    int slot = 0;
    for (int c = 0; c < categories.length; c++) {
      if (inTreeVector(c)) {
        v[slot++] = categories[c];
      }
    }
    for (FeatureLayout.Numeric n : layout.treeNumbers()) {
      v[slot++] = n.value().applyAsDouble(r);
    }
    return v;
  }

  private Vector linearVector(CrimeRecord r, int[] categories) {
    int numbers = layout.linearNumbers().size();
    int[] idx = new int[linearBlocks + numbers];
    double[] val = new double[linearBlocks + numbers];
    int slot = 0;
    for (int c = 0; c < categories.length; c++) {
      if (linearBlockOffsets[c] != NOT_LINEAR) {
        idx[slot] = linearBlockOffsets[c] + categories[c];
        val[slot++] = 1.0;
      }
    }
    int base = linearWidth - numbers;
    for (int k = 0; k < numbers; k++) {
      idx[slot] = base + k;
      val[slot++] = layout.linearNumbers().get(k).value().applyAsDouble(r);
    }
    return Vectors.sparse(linearWidth, idx, val).compressed();
  }

  /** The linear vector's numeric slots after its one-hot blocks. */
  int linearNumbers() {
    return layout.linearNumbers().size();
  }
}
