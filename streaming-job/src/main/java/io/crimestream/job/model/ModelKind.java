package io.crimestream.job.model;

import io.crimestream.metrics.ModelNames;
import java.util.ArrayList;
import java.util.List;

/** The learned models the job can train, by the names they carry in options and metrics. */
public enum ModelKind {
  LOGISTIC_REGRESSION(ModelNames.LOGISTIC_REGRESSION, true),
  DECISION_TREE(ModelNames.DECISION_TREE, false),
  RANDOM_FOREST(ModelNames.RANDOM_FOREST, false),
  GRADIENT_BOOSTED_TREES(ModelNames.GRADIENT_BOOSTED_TREES, false);

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

  public static ModelKind parse(String name) {
    for (ModelKind k : values()) {
      if (k.id.equals(name.strip())) {
        return k;
      }
    }
    throw new IllegalArgumentException("model '" + name + "' is not one of " + String.join(", ",
        ModelNames.LEARNED));
  }

  /** Parses a comma-separated list; duplicates and empty lists are refused. */
  public static List<ModelKind> parseList(String names) {
    List<ModelKind> out = new ArrayList<>();
    for (String n : names.split(",")) {
      if (n.isBlank()) {
        continue;
      }
      ModelKind k = parse(n);
      if (out.contains(k)) {
        throw new IllegalArgumentException("model '" + k.id + "' is listed twice");
      }
      out.add(k);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no model selected: name at least one of "
          + String.join(", ", ModelNames.LEARNED));
    }
    return out;
  }
}
