package io.crimestream.job.features;

import io.crimestream.options.FeatureSet;
import io.crimestream.record.CrimeRecord;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.Metadata;

/**
 * Turns records into the two feature vectors the models learn from, once per record.
 *
 * <p>Both vectors have a fixed layout for the life of the stream, so a stored vector stays valid
 * as new categories appear:
 * <ul>
 *   <li>the <b>tree</b> vector holds one slot per feature; with the improved set, categories are
 *       stable {@link Vocabulary} indexes that trees split on as true categories (Spark orders a
 *       binary label's categories by arrest rate, so a split on IUCR can group codes by how often
 *       they end in an arrest). Only the number of categories, given in the column's metadata at
 *       training time, grows.</li>
 *   <li>the <b>linear</b> vector one-hot encodes each category in a block of fixed capacity
 *       (index 0 of a block means missing; values past capacity share an "other" slot; a value the
 *       model never saw in training carries a weight of 0), followed by numeric features.</li>
 * </ul>
 * Not thread-safe: the job encodes on the driver, one batch after the other.
 */
public final class FeatureEncoder {

  /** Center of the city in Illinois State Plane feet: stands in for missing coordinates. */
  static final double CITY_CENTER_X = 1_165_000;
  static final double CITY_CENTER_Y = 1_885_000;

  /** Where a category goes: a true categorical split for trees, a one-hot block for the linear model. */
  private enum Use {
    /** The study's set: a plain index in the one dense vector every model gets. */
    STUDY_INDEX,
    TREE_AND_LINEAR,
    TREE,
    LINEAR;

    boolean tree() {
      return this == TREE_AND_LINEAR || this == TREE;
    }

    boolean linear() {
      return this == TREE_AND_LINEAR || this == LINEAR;
    }
  }

  private record Categorical(Vocabulary vocabulary, Function<CrimeRecord, String> value, Use use) {

    boolean treeCategory() {
      return use.tree();
    }
  }

  private final FeatureSet set;
  private final List<Categorical> categoricals = new ArrayList<>();
  private final List<String> treeNumericNames;
  private final int linearWidth;
  private final int[] linearBlockOffsets;
  private final int linearBlocks;

  public FeatureEncoder(FeatureSet set) {
    this.set = set;
    if (set == FeatureSet.STUDY) {
      categoricals.add(new Categorical(new Vocabulary("iucr", 4096), CrimeRecord::iucr, Use.STUDY_INDEX));
      categoricals.add(new Categorical(new Vocabulary("location_description", 4096),
          CrimeRecord::locationDescription, Use.STUDY_INDEX));
      categoricals.add(new Categorical(new Vocabulary("fbi_code", 4096), CrimeRecord::fbiCode, Use.STUDY_INDEX));
      categoricals.add(new Categorical(new Vocabulary("block", 1 << 20), CrimeRecord::block, Use.STUDY_INDEX));
      treeNumericNames = List.of("domestic", "beat", "district", "community_area", "x_coordinate",
          "y_coordinate", "month", "day", "hour", "minute");
      linearBlockOffsets = new int[0];
      linearBlocks = 0;
      linearWidth = categoricals.size() + treeNumericNames.size();
    } else {
      categoricals.add(new Categorical(new Vocabulary("iucr", 1024), CrimeRecord::iucr, Use.TREE_AND_LINEAR));
      categoricals.add(new Categorical(new Vocabulary("primary_type", 64), CrimeRecord::primaryType,
          Use.TREE_AND_LINEAR));
      categoricals.add(new Categorical(new Vocabulary("location_description", 256),
          CrimeRecord::locationDescription, Use.TREE_AND_LINEAR));
      categoricals.add(new Categorical(new Vocabulary("fbi_code", 64), CrimeRecord::fbiCode, Use.TREE_AND_LINEAR));
      categoricals.add(new Categorical(new Vocabulary("time_precision", 8),
          r -> TimePrecision.of(r.date()).id(), Use.TREE_AND_LINEAR));
      // Where and when, for the trees only. In the linear model (district, ward, community area,
      // beat and hour-of-week blocks; cyclic time, weekend, coordinates) a few dozen rows per
      // value are too few for a weight of their own, and one weight per sine cannot follow how
      // time matters for each crime type. Taken out of it, with the IUCR rate as its only rate
      // and a prior that fades with the rows, its prequential AUC rose on four of the six shared
      // exports (+0.001 to +0.078, 2016-01 the most), held on 2017 Q1 and fell on the 643 rows of
      // 2018-01 (-0.009).
      categoricals.add(new Categorical(new Vocabulary("district", 64), r -> text(r.district()), Use.TREE));
      categoricals.add(new Categorical(new Vocabulary("ward", 64), r -> text(r.ward()), Use.TREE));
      categoricals.add(new Categorical(new Vocabulary("community_area", 128), r -> text(r.communityArea()),
          Use.TREE));
      // a domestic battery and a battery in the street end differently; a linear model cannot
      // multiply the two columns itself
      categoricals.add(new Categorical(new Vocabulary("primary_type_domestic", 128),
          FeatureEncoder::typeAndDomestic, Use.LINEAR));
      // The hour also as a point on a circle, so one split can take 22:00 to 02:00. Each
      // continuous slot costs the trees as many bins as the largest category has values (about
      // 300 IUCR codes): with sines of the weekday and the day of year as well, the bench's cycle
      // at 100,000 rows took 11.4 s instead of 8.3 s, for no AUC (a month's day of year is nearly
      // constant).
      treeNumericNames = List.of("domestic", "weekend", "hour", "day_of_week", "hour_of_week",
          "hour_sin", "hour_cos", "x_coordinate", "y_coordinate", "coordinates_missing");
      linearBlockOffsets = new int[categoricals.size()];
      int offset = 0;
      for (int i = 0; i < categoricals.size(); i++) {
        Categorical c = categoricals.get(i);
        linearBlockOffsets[i] = c.use().linear() ? offset : NOT_LINEAR;
        offset += c.use().linear() ? c.vocabulary().capacity() : 0;
      }
      linearWidth = offset + LINEAR_NUMERIC_COUNT;
      linearBlocks = (int) categoricals.stream().filter(c -> c.use().linear()).count();
    }
  }

  /** The linear vector's numeric slots after its one-hot blocks: the domestic flag. */
  static final int LINEAR_NUMERIC_COUNT = 1;
  private static final int NOT_LINEAR = -1;

  public FeatureSet featureSet() {
    return set;
  }

  /** Encodes {@code r}, learning any new category value it carries. */
  public EncodedRow encode(CrimeRecord r) {
    int[] categories = new int[categoricals.size()];
    for (int i = 0; i < categories.length; i++) {
      Categorical c = categoricals.get(i);
      categories[i] = c.vocabulary().indexOf(c.value().apply(r));
    }
    Vector tree;
    Vector linear;
    if (set == FeatureSet.STUDY) {
      double[] v = studyVector(r, categories);
      tree = Vectors.dense(v);
      linear = tree;
    } else {
      tree = Vectors.dense(improvedTreeVector(r, categories));
      linear = improvedLinearVector(r, categories);
    }
    return new EncodedRow(r.id(), r.arrest(), HeldOutSplit.isHeldOut(r.id()),
        new EncodedRow.RateKeys(r.iucr(), r.primaryType(), r.locationDescription(), r.beat()),
        tree, linear);
  }

  public int treeWidth() {
    return treeCategoryCount() + treeNumericNames.size();
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
    for (Categorical c : categoricals) {
      if (c.treeCategory()) {
        attrs.add(NominalAttribute.defaultAttr().withName(c.vocabulary().name())
            .withNumValues(c.vocabulary().size() + 1));
      } else if (set == FeatureSet.STUDY) {
        attrs.add(NumericAttribute.defaultAttr().withName(c.vocabulary().name() + "_index"));
      }
    }
    for (String n : treeNumericNames) {
      attrs.add(NumericAttribute.defaultAttr().withName(n));
    }
    for (String n : extraNumeric) {
      attrs.add(NumericAttribute.defaultAttr().withName(n));
    }
    return new AttributeGroup("treeFeatures", attrs.toArray(new Attribute[0])).toMetadata();
  }

  /** The most values any categorical tree slot has: trees need at least that many bins. */
  public int largestTreeCategory() {
    Categorical largest = largestTreeCategorical();
    return largest == null ? 0 : largest.vocabulary().size() + 1;
  }

  /** The name of the categorical tree slot with the most values, or {@code null} if none. */
  public String largestTreeCategoryName() {
    Categorical largest = largestTreeCategorical();
    return largest == null ? null : largest.vocabulary().name();
  }

  private Categorical largestTreeCategorical() {
    Categorical largest = null;
    for (Categorical c : categoricals) {
      if (c.treeCategory() && (largest == null || c.vocabulary().size() > largest.vocabulary().size())) {
        largest = c;
      }
    }
    return largest;
  }

  private int treeCategoryCount() {
    int n = 0;
    for (Categorical c : categoricals) {
      if (c.treeCategory() || set == FeatureSet.STUDY) {
        n++;
      }
    }
    return n;
  }

  private double[] studyVector(CrimeRecord r, int[] categories) {
    LocalDateTime d = r.date();
    double[] v = new double[categories.length + treeNumericNames.size()];
    int i = 0;
    for (int c : categories) {
      v[i++] = c;
    }
    // the study fed missing values to the models as they came; -1 keeps them apart from real ones
    v[i++] = r.domestic() == null ? -1 : r.domestic() ? 1 : 0;
    v[i++] = parseOr(r.beat(), -1);
    v[i++] = r.district() == null ? -1 : r.district();
    v[i++] = r.communityArea() == null ? -1 : r.communityArea();
    v[i++] = r.xCoordinate() == null ? -1 : r.xCoordinate();
    v[i++] = r.yCoordinate() == null ? -1 : r.yCoordinate();
    v[i++] = d.getMonthValue();
    v[i++] = d.getDayOfMonth();
    v[i++] = d.getHour();
    v[i] = d.getMinute();
    return v;
  }

  private double[] improvedTreeVector(CrimeRecord r, int[] categories) {
    double[] v = new double[treeWidth()];
    int i = 0;
    for (int c = 0; c < categories.length; c++) {
      if (categoricals.get(c).treeCategory()) {
        v[i++] = categories[c];
      }
    }
    LocalDateTime d = r.date();
    boolean noXy = r.xCoordinate() == null || r.yCoordinate() == null;
    v[i++] = Boolean.TRUE.equals(r.domestic()) ? 1 : 0;
    v[i++] = isWeekend(d) ? 1 : 0;
    v[i++] = d.getHour();
    v[i++] = d.getDayOfWeek().getValue() - 1;
    v[i++] = hourOfWeek(d);
    double hourAngle = 2 * Math.PI * (d.getHour() + d.getMinute() / 60.0) / 24;
    v[i++] = Math.sin(hourAngle);
    v[i++] = Math.cos(hourAngle);
    v[i++] = noXy ? CITY_CENTER_X : r.xCoordinate();
    v[i++] = noXy ? CITY_CENTER_Y : r.yCoordinate();
    v[i] = noXy ? 1 : 0;
    return v;
  }

  private Vector improvedLinearVector(CrimeRecord r, int[] categories) {
    int n = linearBlocks;
    int[] idx = new int[n + LINEAR_NUMERIC_COUNT];
    double[] val = new double[n + LINEAR_NUMERIC_COUNT];
    int slot = 0;
    for (int c = 0; c < categories.length; c++) {
      if (linearBlockOffsets[c] != NOT_LINEAR) {
        idx[slot] = linearBlockOffsets[c] + categories[c];
        val[slot++] = 1.0;
      }
    }
    double[] numeric = {Boolean.TRUE.equals(r.domestic()) ? 1 : 0};
    int base = linearWidth - LINEAR_NUMERIC_COUNT;
    for (int k = 0; k < LINEAR_NUMERIC_COUNT; k++) {
      idx[n + k] = base + k;
      val[n + k] = numeric[k];
    }
    return Vectors.sparse(linearWidth, idx, val).compressed();
  }

  private static String typeAndDomestic(CrimeRecord r) {
    if (r.primaryType() == null) {
      return null;
    }
    return r.primaryType() + (r.domestic() == null ? "|unknown" : r.domestic() ? "|domestic" : "|not-domestic");
  }

  static int hourOfWeek(LocalDateTime d) {
    return (d.getDayOfWeek().getValue() - 1) * 24 + d.getHour();
  }

  private static boolean isWeekend(LocalDateTime d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static String text(Integer i) {
    return i == null ? null : i.toString();
  }

  private static double parseOr(String s, double missing) {
    if (s == null) {
      return missing;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return missing;
    }
  }
}
