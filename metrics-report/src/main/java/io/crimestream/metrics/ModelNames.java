package io.crimestream.metrics;

import java.util.List;

/** The names models go by in metrics, options and charts. */
public final class ModelNames {
  public static final String LOGISTIC_REGRESSION = "logistic_regression";
  public static final String DECISION_TREE = "decision_tree";
  public static final String RANDOM_FOREST = "random_forest";
  public static final String GRADIENT_BOOSTED_TREES = "gradient_boosted_trees";
  /** Not learned: each IUCR code's past arrest rate, the bar a learned model has to clear. */
  public static final String IUCR_RATE_BASELINE = "iucr_rate_baseline";

  /** The study's three models, the default selection. */
  public static final List<String> STUDY = List.of(LOGISTIC_REGRESSION, DECISION_TREE, RANDOM_FOREST);
  /** Every learned model that can be selected. */
  public static final List<String> LEARNED =
      List.of(LOGISTIC_REGRESSION, DECISION_TREE, RANDOM_FOREST, GRADIENT_BOOSTED_TREES);

  private ModelNames() {}
}
