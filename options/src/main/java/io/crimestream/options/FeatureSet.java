package io.crimestream.options;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which features the models learn from. */
public enum FeatureSet {
  /**
   * The study's: Domestic, Beat, District, Community Area, X and Y, IUCR, Location Description,
   * FBI Code and Block (text columns as category indexes), month, day, hour and minute; every
   * model gets the same dense vector, category indexes included as plain numbers.
   */
  STUDY,
  /**
   * Primary type and the other categories one-hot encoded for the linear model and as true
   * categorical splits for the trees, ward, hour of week, weekend, cyclic time, coordinates with
   * a missing-value indicator, how precisely the time was recorded, and (linear model) primary
   * type crossed with the domestic flag.
   */
  IMPROVED;

  /** {@code study|improved}, for the CRD's schema. */
  public static final String PATTERN = "^(study|improved)$";

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A comma-separated list, each set once. */
  public static java.util.List<FeatureSet> parseList(String text) {
    java.util.List<FeatureSet> out = new java.util.ArrayList<>();
    for (String part : text.split(",", -1)) {
      FeatureSet f = parse(part.strip());
      if (out.contains(f)) {
        throw new IllegalArgumentException("feature set '" + f.id() + "' is listed twice");
      }
      out.add(f);
    }
    return java.util.List.copyOf(out);
  }

  public static String render(java.util.List<FeatureSet> sets) {
    return sets.stream().map(FeatureSet::id).collect(Collectors.joining(","));
  }

  public static FeatureSet parse(String s) {
    for (FeatureSet f : values()) {
      if (f.id().equals(s)) {
        return f;
      }
    }
    throw new IllegalArgumentException("feature set '" + s + "' is not one of "
        + Arrays.stream(values()).map(FeatureSet::id).collect(Collectors.joining(", ")));
  }
}
