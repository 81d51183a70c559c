package io.crimestream.job.config;

import io.crimestream.job.features.FeatureSet;
import io.crimestream.job.model.ModelKind;
import io.crimestream.job.store.WindowPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The job's learning options as command-line options, shared by every command that runs the job
 * (the job itself, {@code crimestream local}, {@code report}, {@code bench}) so that they are
 * spelled and defaulted the same everywhere.
 */
public final class JobOptions {

  @Option(names = "--trigger-interval", defaultValue = "1s",
      description = "How often a micro-batch may start, e.g. 1s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
  String triggerInterval;

  @Option(names = "--models", defaultValue = "logistic_regression,decision_tree,random_forest",
      description = "Comma-separated models: logistic_regression, decision_tree, random_forest,"
          + " gradient_boosted_trees (default: ${DEFAULT-VALUE}).")
  String models;

  @Option(names = "--features", defaultValue = "improved",
      description = "Feature set: study or improved (default: ${DEFAULT-VALUE}).")
  String features;

  @Option(names = "--training-window",
      description = "Rows the models train on: all, last:N or reservoir:N (default: last:100000).")
  String trainingWindow;

  @Option(names = "--max-rows-per-batch", defaultValue = "500",
      description = "At most this many records per micro-batch, so that a replay still learns batch"
          + " after batch; raise it to replay long periods faster (default: ${DEFAULT-VALUE}).")
  int maxRowsPerBatch;

  @Option(names = "--decision-threshold", defaultValue = "0.5",
      description = "Score from which a row counts as a predicted arrest, or f1 to tune it per model"
          + " on past unseen rows for F1 of the arrest class (default: ${DEFAULT-VALUE}).")
  String decisionThreshold;

  @Option(names = "--exclude-arrest-recorded-types",
      description = "Leave out the primary types recorded mostly at an arrest (narcotics, prostitution, ...).")
  boolean excludeArrestRecordedTypes;

  @Option(names = "--stop-grace-period", defaultValue = "20s",
      description = "When asked to stop (SIGTERM, Ctrl-C), how long the batch in flight may take to"
          + " complete before it is interrupted and left to be replayed (default: ${DEFAULT-VALUE}).")
  String stopGracePeriod;

  /** Sets these options on {@code b}; throws {@link IllegalArgumentException} naming a bad one. */
  public JobConfig.Builder applyTo(JobConfig.Builder b) {
    return b.triggerInterval(parseDuration("--trigger-interval", triggerInterval))
        .maxRowsPerBatch(maxRowsPerBatch)
        .stopGracePeriod(stopGracePeriod())
        .learning(learning(b.learning()));
  }

  /** {@code --stop-grace-period}, checked. */
  public Duration stopGracePeriod() {
    return parseDuration("--stop-grace-period", stopGracePeriod);
  }

  /** These options on top of {@code base}. */
  public LearningConfig learning(LearningConfig base) {
    LearningConfig l = base.withFeatures(FeatureSet.parse(features))
        .withModels(ModelKind.parseList(models))
        .withDecisionThreshold(DecisionThreshold.parse(decisionThreshold))
        .withExcludeArrestRecordedTypes(excludeArrestRecordedTypes);
    return trainingWindow == null ? l : l.withWindow(WindowPolicy.parse(trainingWindow));
  }

  /** {@code 1s}, {@code 500ms}, {@code 2m}, or ISO-8601 ({@code PT1S}). */
  public static Duration parseDuration(String option, String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      }
      if (s.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
      }
      if (s.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
      }
      return Duration.parse(text.strip());
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(option + " '" + text + "' is not a duration such as 1s, 500ms or 2m");
    }
  }
}
