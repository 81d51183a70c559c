package io.crimestream.controller.settings;

import io.crimestream.controller.api.CrimeStreamSpec;
import io.crimestream.controller.api.DatasetSource;
import io.crimestream.options.JobOptions;
import io.crimestream.options.ProducerOptions;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is streamed: {@code spec.months} (each month's producer Job gets it as its
 * {@code --months}, the job all of them) and {@code spec.source}, the export the producers read.
 *
 * @param months the months in time order, each once
 * @param source exactly one of the sources
 */
public record SourceSettings(List<YearMonth> months, DatasetSource source) {

  static SourceSettings of(CrimeStreamSpec spec, SpecProblems problems) {
    return new SourceSettings(months(spec.getMonths(), problems),
        source(spec.getSource(), problems));
  }

  private static List<YearMonth> months(List<String> given, SpecProblems problems) {
    if (given == null || given.isEmpty()) {
      problems.add("spec.months is empty: list at least one month as YYYY-MM, e.g. 2016-05");
      return List.of();
    }
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      // each month is one producer Job's --months: one month, not a list
      String field = "spec.months[" + i + "]";
      Optional<List<YearMonth>> month = problems.option(field, ProducerOptions.MONTHS,
          String.valueOf(given.get(i)));
      if (month.isPresent() && month.get().size() != 1) {
        problems.add(field + ": '" + given.get(i) + "' is " + month.get().size() + " months: list"
            + " each month as an item of its own");
      } else {
        month.ifPresent(m -> valid.add(m.get(0).toString()));
      }
    }
    // the job's --months: in time order, each once
    Optional<List<YearMonth>> months = valid.isEmpty() ? Optional.empty()
        : problems.option("spec.months", JobOptions.MONTHS, String.join(",", valid));
    return valid.size() == given.size() ? months.orElse(List.of()) : List.of();
  }

  private static DatasetSource source(DatasetSource source, SpecProblems problems) {
    if (source == null) {
      problems.add("spec.source is missing: set one of url, hostPath, configMap,"
          + " persistentVolumeClaim or cityApi");
      return null;
    }
    long set = List.of(source.getUrl() != null, source.getHostPath() != null,
            source.getConfigMap() != null, source.getPersistentVolumeClaim() != null,
            Boolean.TRUE.equals(source.getCityApi()))
        .stream().filter(b -> b).count();
    if (set != 1) {
      problems.add("spec.source sets " + set + " sources: set exactly one of url, hostPath,"
          + " configMap, persistentVolumeClaim or cityApi");
    }
    if (source.getUrl() != null && !source.getUrl().matches("^https?://.+")) {
      problems.add("spec.source.url '" + source.getUrl() + "' is not an http(s) URL");
    }
    if (source.getHostPath() != null && (source.getHostPath().getPath() == null
        || !source.getHostPath().getPath().matches("^/.*[^/]$"))) {
      problems.add("spec.source.hostPath.path must be the absolute path of a file on the node");
    }
    if (source.getConfigMap() != null && (source.getConfigMap().getName() == null
        || source.getConfigMap().getKey() == null)) {
      problems.add("spec.source.configMap needs name and key");
    }
    if (source.getPersistentVolumeClaim() != null
        && (source.getPersistentVolumeClaim().getClaimName() == null
        || source.getPersistentVolumeClaim().getPath() == null
        || source.getPersistentVolumeClaim().getPath().startsWith("/"))) {
      problems.add("spec.source.persistentVolumeClaim needs claimName and a path relative to the"
          + " volume's root");
    }
    return source;
  }
}
