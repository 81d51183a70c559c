package io.crimestream.controller.settings;

import io.crimestream.controller.api.CrimeStreamSpec;
import io.crimestream.controller.api.InitialModels;
import io.crimestream.options.JobOptions;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The model registry: how many versions the job keeps ({@code spec.keepVersions}, its
 * {@code --keep-versions}) and the saved registry it starts from ({@code spec.initialModels},
 * mounted read-only into the driver pod for its {@code --initial-models}).
 *
 * @param keepVersions  versions kept per model; empty: the job's default
 * @param initialModels the claim and folder of a saved registry; empty: start from nothing
 */
public record RegistrySettings(Optional<Integer> keepVersions,
                               Optional<InitialModels> initialModels) {

  private static final Pattern PATH = Pattern.compile(InitialModels.PATH_PATTERN);

  static RegistrySettings of(CrimeStreamSpec spec, SpecProblems problems) {
    Optional<Integer> keep = problems.option("spec.keepVersions", JobOptions.KEEP_VERSIONS,
        spec.getKeepVersions());
    InitialModels initial = spec.getInitialModels();
    if (initial != null) {
      if (initial.getClaimName() == null || initial.getClaimName().isBlank()) {
        problems.add("spec.initialModels.claimName is missing: name the PersistentVolumeClaim that"
            + " holds the saved registry");
      }
      if (initial.getPath() == null || !PATH.matcher(initial.getPath()).matches()) {
        problems.add("spec.initialModels.path '" + initial.getPath() + "' is not a folder relative"
            + " to the volume's root (no leading /, no . or .. parts), e.g. crimestream-2016/models");
      }
    }
    return new RegistrySettings(keep, Optional.ofNullable(initial));
  }
}
