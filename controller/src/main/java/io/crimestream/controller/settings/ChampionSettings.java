package io.crimestream.controller.settings;

import io.crimestream.controller.api.ChampionSpec;
import io.crimestream.options.JobOptions;
import java.util.Optional;

/**
 * {@code spec.champion}: the job's {@code --champion-window}, {@code --champion-margin} and
 * {@code --champion-lead-batches}, each checked by the job's own option; absent, the job's default.
 *
 * @param window      batches over which the models' prequential AUC is compared
 * @param margin      how much better a challenger must be
 * @param leadBatches batches in a row a challenger must lead
 */
public record ChampionSettings(Optional<Integer> window, Optional<Double> margin,
                               Optional<Integer> leadBatches) {

  static ChampionSettings of(ChampionSpec given, SpecProblems problems) {
    ChampionSpec spec = given != null ? given : new ChampionSpec();
    return new ChampionSettings(
        problems.option("spec.champion.window", JobOptions.CHAMPION_WINDOW, spec.getWindow()),
        problems.option("spec.champion.margin", JobOptions.CHAMPION_MARGIN, spec.getMargin()),
        problems.option("spec.champion.leadBatches", JobOptions.CHAMPION_LEAD_BATCHES,
            spec.getLeadBatches()));
  }
}
