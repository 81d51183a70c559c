package io.crimestream.job.features;

import io.crimestream.options.FeatureSet;
import io.crimestream.record.CrimeRecord;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The columns of one feature set, each declared once with its name and how a record gives its
 * value; the {@link FeatureEncoder} builds every vector and its metadata from this list, so that
 * names and vector slots cannot drift apart.
 *
 * @param categories     categorical columns, in vector order: each a stable {@link Vocabulary}
 * @param treeNumbers    the tree vector's numeric columns, after its categories
 * @param linearNumbers  the linear vector's numeric columns, after its one-hot blocks
 * @param categoryIndexesAsNumbers the study's way: every model gets one dense vector in which a
 *                       category is its index as a plain number (no true categorical splits, no
 *                       one-hot blocks)
 */
record FeatureLayout(List<Category> categories, List<Numeric> treeNumbers, List<Numeric> linearNumbers,
                     boolean categoryIndexesAsNumbers) {

  /** Center of the city in Illinois State Plane feet: stands in for missing coordinates. */
  static final double CITY_CENTER_X = 1_165_000;
  static final double CITY_CENTER_Y = 1_885_000;

  /** Where a category goes: a true categorical split for trees, a one-hot block for the linear model. */
  enum Use {
    TREE_AND_LINEAR, TREE, LINEAR;

    boolean tree() {
      return this != LINEAR;
    }

    boolean linear() {
      return this != TREE;
    }
  }

  /** A categorical column: values indexed in order of first sight, at most {@code capacity}. */
  record Category(String name, int capacity, Function<CrimeRecord, String> value, Use use) {}

  /** A numeric column. */
  record Numeric(String name, ToDoubleFunction<CrimeRecord> value) {}

  static FeatureLayout of(FeatureSet set) {
    return set == FeatureSet.STUDY ? study() : improved();
  }

  /**
   * The study's columns: IUCR, location description, FBI code and block as category indexes,
   * then Domestic, Beat, District, Community Area, X and Y, month, day, hour and minute as they
   * came (missing values as -1, to keep them apart from real ones).
   */
  static FeatureLayout study() {
    return new FeatureLayout(List.of(
        new Category("iucr", 4096, CrimeRecord::iucr, Use.TREE_AND_LINEAR),
        new Category("location_description", 4096, CrimeRecord::locationDescription, Use.TREE_AND_LINEAR),
        new Category("fbi_code", 4096, CrimeRecord::fbiCode, Use.TREE_AND_LINEAR),
        new Category("block", 1 << 20, CrimeRecord::block, Use.TREE_AND_LINEAR)),
        List.of(
            new Numeric("domestic", r -> r.domestic() == null ? -1 : r.domestic() ? 1 : 0),
            new Numeric("beat", r -> parseOr(r.beat(), -1)),
            new Numeric("district", r -> r.district() == null ? -1 : r.district()),
            new Numeric("community_area", r -> r.communityArea() == null ? -1 : r.communityArea()),
            new Numeric("x_coordinate", r -> r.xCoordinate() == null ? -1 : r.xCoordinate()),
            new Numeric("y_coordinate", r -> r.yCoordinate() == null ? -1 : r.yCoordinate()),
            new Numeric("month", r -> r.date().getMonthValue()),
            new Numeric("day", r -> r.date().getDayOfMonth()),
            new Numeric("hour", r -> r.date().getHour()),
            new Numeric("minute", r -> r.date().getMinute())),
        List.of(), true);
  }

  /**
   * The improved columns. Where and when (district, ward, community area; cyclic time, weekend,
   * coordinates) go to the trees only: in the linear model a few dozen rows per value are too
   * few for a weight of their own, and one weight per sine cannot follow how time matters for
   * each crime type (README, "Models"). The hour is also a point on a circle, so that one split
   * can take 22:00 to 02:00; other cyclic columns cost the trees bins for no AUC.
   */
  static FeatureLayout improved() {
    return new FeatureLayout(List.of(
        new Category("iucr", 1024, CrimeRecord::iucr, Use.TREE_AND_LINEAR),
        new Category("primary_type", 64, CrimeRecord::primaryType, Use.TREE_AND_LINEAR),
        new Category("location_description", 256, CrimeRecord::locationDescription, Use.TREE_AND_LINEAR),
        new Category("fbi_code", 64, CrimeRecord::fbiCode, Use.TREE_AND_LINEAR),
        new Category("time_precision", 8, r -> TimePrecision.of(r.date()).id(), Use.TREE_AND_LINEAR),
        new Category("district", 64, r -> text(r.district()), Use.TREE),
        new Category("ward", 64, r -> text(r.ward()), Use.TREE),
        new Category("community_area", 128, r -> text(r.communityArea()), Use.TREE),
        // a domestic battery and a battery in the street end differently; a linear model cannot
        // multiply the two columns itself
        new Category("primary_type_domestic", 128, FeatureLayout::typeAndDomestic, Use.LINEAR)),
        List.of(
            new Numeric("domestic", r -> Boolean.TRUE.equals(r.domestic()) ? 1 : 0),
            new Numeric("weekend", r -> isWeekend(r.date()) ? 1 : 0),
            new Numeric("hour", r -> r.date().getHour()),
            new Numeric("day_of_week", r -> r.date().getDayOfWeek().getValue() - 1),
            new Numeric("hour_of_week", r -> hourOfWeek(r.date())),
            new Numeric("hour_sin", r -> Math.sin(hourAngle(r.date()))),
            new Numeric("hour_cos", r -> Math.cos(hourAngle(r.date()))),
            new Numeric("x_coordinate", r -> noCoordinates(r) ? CITY_CENTER_X : r.xCoordinate()),
            new Numeric("y_coordinate", r -> noCoordinates(r) ? CITY_CENTER_Y : r.yCoordinate()),
            new Numeric("coordinates_missing", r -> noCoordinates(r) ? 1 : 0)),
        List.of(new Numeric("domestic", r -> Boolean.TRUE.equals(r.domestic()) ? 1 : 0)),
        false);
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

  private static double hourAngle(LocalDateTime d) {
    return 2 * Math.PI * (d.getHour() + d.getMinute() / 60.0) / 24;
  }

  private static boolean noCoordinates(CrimeRecord r) {
    return r.xCoordinate() == null || r.yCoordinate() == null;
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
