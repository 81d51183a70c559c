package io.crimestream.job.features;

import java.util.Locale;

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
   * a missing-value indicator, how precisely the time was recorded ({@link TimePrecision}), and
   * (linear model) primary type crossed with the domestic flag.
   */
  IMPROVED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FeatureSet parse(String s) {
    for (FeatureSet f : values()) {
      if (f.id().equalsIgnoreCase(s.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("feature set '" + s + "' is not one of study, improved");
  }
}
