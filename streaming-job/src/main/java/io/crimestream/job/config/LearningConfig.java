package io.crimestream.job.config;

import io.crimestream.job.drift.DriftSettings;
import io.crimestream.job.model.ModelOptions;
import io.crimestream.options.DecisionThreshold;
import io.crimestream.options.FeatureSet;
import io.crimestream.options.ModelKind;
import io.crimestream.options.TrainingWindow;
import java.util.List;
import java.util.Objects;

/**
 * How the job learns and evaluates, apart from where its records come from: what the streaming
 * job, the report and the benchmark share.
 *
 * @param features           the feature set
 * @param models             the learned models to train, in order
 * @param modelOptions       their sizes
 * @param window             which accumulated rows the models train on
 * @param decisionThreshold  from which score a row counts as a predicted arrest
 * @param excludeArrestRecordedTypes leave out the primary types recorded mostly at an arrest
 * @param historyLimit       at most this many batches in the published metrics history
 * @param champion           how the model whose predictions are published is chosen
 * @param drift              how drift is detected and what a detection does
 */
public record LearningConfig(FeatureSet features, List<ModelKind> models, ModelOptions modelOptions,
                             TrainingWindow window, DecisionThreshold decisionThreshold,
                             boolean excludeArrestRecordedTypes, int historyLimit,
                             ChampionSettings champion, DriftSettings drift) {

  public LearningConfig {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(modelOptions, "modelOptions");
    Objects.requireNonNull(window, "window");
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("select at least one model");
    }
    Objects.requireNonNull(decisionThreshold, "decisionThreshold");
    Objects.requireNonNull(champion, "champion");
    Objects.requireNonNull(drift, "drift");
    if (historyLimit < 2) {
      throw new IllegalArgumentException("the metrics history must keep at least 2 batches");
    }
  }

  /** The study's three models on the improved features, the default window, threshold 0.5. */
  public static LearningConfig defaults() {
    return new LearningConfig(FeatureSet.IMPROVED, ModelKind.STUDY, ModelOptions.defaultsFor(FeatureSet.IMPROVED),
        TrainingWindow.DEFAULT, DecisionThreshold.DEFAULT, false, 2_000, ChampionSettings.DEFAULT,
        DriftSettings.DEFAULT);
  }

  /** Another feature set, with that set's default model options. */
  public LearningConfig withFeatures(FeatureSet f) {
    return new LearningConfig(f, models, ModelOptions.defaultsFor(f), window, decisionThreshold,
        excludeArrestRecordedTypes, historyLimit, champion, drift);
  }

  public LearningConfig withModels(List<ModelKind> m) {
    return new LearningConfig(features, m, modelOptions, window, decisionThreshold,
        excludeArrestRecordedTypes, historyLimit, champion, drift);
  }

  public LearningConfig withModelOptions(ModelOptions o) {
    return new LearningConfig(features, models, o, window, decisionThreshold,
        excludeArrestRecordedTypes, historyLimit, champion, drift);
  }

  public LearningConfig withWindow(TrainingWindow w) {
    return new LearningConfig(features, models, modelOptions, w, decisionThreshold,
        excludeArrestRecordedTypes, historyLimit, champion, drift);
  }

  public LearningConfig withDecisionThreshold(DecisionThreshold t) {
    return new LearningConfig(features, models, modelOptions, window, t,
        excludeArrestRecordedTypes, historyLimit, champion, drift);
  }

  public LearningConfig withExcludeArrestRecordedTypes(boolean exclude) {
    return new LearningConfig(features, models, modelOptions, window, decisionThreshold, exclude,
        historyLimit, champion, drift);
  }

  public LearningConfig withHistoryLimit(int limit) {
    return new LearningConfig(features, models, modelOptions, window, decisionThreshold,
        excludeArrestRecordedTypes, limit, champion, drift);
  }

  public LearningConfig withDrift(DriftSettings d) {
    return new LearningConfig(features, models, modelOptions, window, decisionThreshold,
        excludeArrestRecordedTypes, historyLimit, champion, d);
  }

  public LearningConfig withChampion(ChampionSettings c) {
    return new LearningConfig(features, models, modelOptions, window, decisionThreshold,
        excludeArrestRecordedTypes, historyLimit, c, drift);
  }
}
