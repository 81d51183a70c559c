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
 * {@code --months}, the job all of them), the months learned first ({@code spec.history}: their
 * producer Jobs run first and send with {@code --history}) and {@code spec.source}, the export
 * the producers read.
 *
 * @param months  the months in time order, each once
 * @param history the history months in time order, each once, all before the first month
 * @param source  exactly one of the sources
 */
public record SourceSettings(List<YearMonth> months, List<YearMonth> history,
                             DatasetSource source) {

  static SourceSettings of(CrimeStreamSpec spec, SpecProblems problems) {
    List<YearMonth> months = months("spec.months", spec.getMonths(), problems);
    List<YearMonth> history = spec.getHistory() == null ? List.of()
        : months("spec.history", spec.getHistory(), problems);
    if (!history.isEmpty() && !months.isEmpty()
        && !history.get(history.size() - 1).isBefore(months.get(0))) {
      problems.add("spec.history: " + history.get(history.size() - 1) + " is not before "
          + months.get(0) + ", the first of spec.months: history is learned before the stream, so"
          + " list only earlier months");
    }
    return new SourceSettings(months, history, source(spec.getSource(), problems));
  }

  /** Every producer Job's month, in the order they run: the history first, then the stream. */
  public List<YearMonth> producerMonths() {
    List<YearMonth> all = new ArrayList<>(history);
    all.addAll(months);
    return List.copyOf(all);
  }

  /** Whether {@code month}'s producer sends history (learned, never scored). */
  public boolean isHistory(YearMonth month) {
    return history.contains(month);
  }

  private static List<YearMonth> months(String path, List<String> given, SpecProblems problems) {
    if (given == null || given.isEmpty()) {
      problems.add(path + " is empty: list at least one month as YYYY-MM, e.g. 2016-05");
      return List.of();
    }
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      // each month is one producer Job's --months: one month, not a list
      String field = path + "[" + i + "]";
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
        : problems.option(path, JobOptions.MONTHS, String.join(",", valid));
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
