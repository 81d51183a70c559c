package io.crimestream.controller.settings;

import io.crimestream.controller.api.CrimeStreamSpec;
import io.crimestream.options.DecisionThreshold;
import io.crimestream.options.FeatureSet;
import io.crimestream.options.JobOptions;
import io.crimestream.options.ModelKind;
import io.crimestream.options.TrainingWindow;
import java.util.List;
import java.util.Optional;

/**
 * How the job learns, from the spec's top level: its {@code --models}, {@code --features},
 * {@code --training-window}, {@code --decision-threshold} and
 * {@code --exclude-arrest-recorded-types}, each checked by the job's own option, and how it
 * picks its champion and watches for drift ({@code spec.champion}, {@code spec.drift}). An absent
 * field is left to the job's default.
 *
 * @param models                     the models to retrain every batch
 * @param features                   the feature set
 * @param trainingWindow             which accumulated rows the models train on
 * @param decisionThreshold          from which score a row counts as a predicted arrest
 * @param excludeArrestRecordedTypes leave out the types recorded mostly at an arrest
 * @param champion                   how the champion is chosen
 * @param drift                      the drift detectors
 */
public record LearningSettings(Optional<List<ModelKind>> models, Optional<FeatureSet> features,
                               Optional<TrainingWindow> trainingWindow,
                               Optional<DecisionThreshold> decisionThreshold,
                               boolean excludeArrestRecordedTypes, ChampionSettings champion,
                               DriftSettings drift) {

  static LearningSettings of(CrimeStreamSpec spec, SpecProblems problems) {
    Optional<List<ModelKind>> models = Optional.empty();
    if (spec.getModels() != null && spec.getModels().isEmpty()) {
      problems.add("spec.models is empty: name at least one of "
          + String.join(", ", ModelKind.ids()) + ", or leave it out for "
          + JobOptions.MODELS.defaultText());
    } else if (spec.getModels() != null) {
      // the job's own list: each a model, each once
      models = problems.option("spec.models", JobOptions.MODELS,
          String.join(",", spec.getModels().stream().map(String::valueOf).toList()));
    }
    return new LearningSettings(models,
        problems.option("spec.features", JobOptions.FEATURES, spec.getFeatures()),
        problems.option("spec.trainingWindow", JobOptions.TRAINING_WINDOW,
            spec.getTrainingWindow()),
        problems.option("spec.decisionThreshold", JobOptions.DECISION_THRESHOLD,
            spec.getDecisionThreshold()),
        Boolean.TRUE.equals(spec.getExcludeArrestRecordedTypes()),
        ChampionSettings.of(spec.getChampion(), problems),
        DriftSettings.of(spec.getDrift(), problems));
  }
}
