package io.crimestream.options;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The learned models the job can train, by the names they carry in options, metrics, charts
 * and a CrimeStream's spec.
 */
public enum ModelKind {
  LOGISTIC_REGRESSION("logistic_regression", true),
  DECISION_TREE("decision_tree", false),
  RANDOM_FOREST("random_forest", false),
  GRADIENT_BOOSTED_TREES("gradient_boosted_trees", false);

  /** One model's name, for the CRD's schema (kept equal to the values by a test). */
  public static final String PATTERN =
      "^(logistic_regression|decision_tree|random_forest|gradient_boosted_trees)$";
  /** Not learned: each IUCR code's past arrest rate, the bar a learned model has to clear. */
  public static final String IUCR_RATE_BASELINE = "iucr_rate_baseline";
  /** The study's three models: the default. */
  public static final List<ModelKind> STUDY = List.of(LOGISTIC_REGRESSION, DECISION_TREE, RANDOM_FOREST);

  private final String id;
  private final boolean linear;

  ModelKind(String id, boolean linear) {
    this.id = id;
    this.linear = linear;
  }

  public String id() {
    return id;
  }

  /** Whether the model learns from the linear (one-hot) vector rather than the tree vector. */
  public boolean linear() {
    return linear;
  }

  /** Every model's name, in order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(ModelKind::id).toList();
  }

  public static ModelKind parse(String name) {
    for (ModelKind k : values()) {
      if (k.id.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a model; choose from "
        + String.join(", ", ids()));
  }

  /** A comma-separated list, at least one, each once. */
  public static List<ModelKind> parseList(String names) {
    List<ModelKind> out = new ArrayList<>();
    for (String n : names.split(",", -1)) {
      ModelKind k = parse(n.strip());
      if (out.contains(k)) {
        throw new IllegalArgumentException("model '" + k.id + "' is listed twice");
      }
      out.add(k);
    }
    return List.copyOf(out);
  }

  public static String render(List<ModelKind> models) {
    return models.stream().map(ModelKind::id).collect(Collectors.joining(","));
  }
}
