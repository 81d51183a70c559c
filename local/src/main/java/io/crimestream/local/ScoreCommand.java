package io.crimestream.local;

import io.crimestream.job.SparkSessions;
import io.crimestream.job.registry.ModelRegistry;
import io.crimestream.job.registry.OfflineScorer;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.Prediction;
import io.crimestream.options.CommandLineOptions;
import io.crimestream.options.LauncherOptions;
import io.crimestream.options.OptionDef;
import io.crimestream.options.OptionValues;
import io.crimestream.options.ProducerOptions;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.LoadedMonths;
import io.crimestream.producer.MonotonicClock;
import io.crimestream.producer.MonthLoader;
import io.crimestream.producer.RetryPolicy;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code crimestream score}: a saved model put to use without the stream: the registry's
 * champion (or a chosen version) scores an export's months and writes the same prediction
 * records the stream publishes.
 */
@Command(name = "score", sortOptions = false,
    modelTransformer = ScoreCommand.SharedOptions.class,
    description = "Scores the months of an export with a saved model (the registry's champion, or"
        + " --version) and writes predictions.jsonl: the records the stream publishes, without a batch.")
public final class ScoreCommand implements Callable<Integer> {

  static final OptionDef<Path> MODELS = new OptionDef<>("--models", "DIR", null,
      "The model registry: a run's models folder, with registry.json.", Path::of, Path::toString, null);
  static final OptionDef<String> VERSION = new OptionDef<>("--version", "[MODEL:]N", null,
      "The version to score with: N of the champion's model, or MODEL:N (default: the champion).",
      s -> s, s -> s, "^([a-z_]+:)?[1-9][0-9]{0,8}$");
  static final OptionDef<Path> OUT = LauncherOptions.out("score", "predictions.jsonl");

  /** The launcher's options, from their one definition. */
  static final class SharedOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return CommandLineOptions.add(spec, List.of(MODELS, LauncherOptions.DATA, ProducerOptions.MONTHS,
          VERSION, OUT));
    }
  }

  @Spec
  CommandSpec spec;

  // --version names a model's version here, so only --help of the standard options
  @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Override
  public Integer call() throws Exception {
    OptionValues v = CommandLineOptions.values(spec);
    Path models = Required.value(v, MODELS);
    String data = Required.value(v, LauncherOptions.DATA);
    List<YearMonth> months = Required.value(v, ProducerOptions.MONTHS);
    String version = v.get(VERSION);
    if (version != null && !version.matches(VERSION.pattern())) {
      throw new IllegalArgumentException("--version '" + version + "' is not N or MODEL:N, e.g. 7 or random_forest:7");
    }
    LoadedMonths loaded = MonthLoader.load(CrimeSource.parse(data, RetryPolicy.DEFAULT), months, System.err,
        MonotonicClock.SYSTEM);
    ModelRegistry registry = ModelRegistry.open(models);
    SparkSessions.getOrCreate("crimestream-score");
    String model = version == null || !version.contains(":") ? null : version.substring(0, version.indexOf(':'));
    Integer n = version == null ? null : Integer.valueOf(version.substring(version.indexOf(':') + 1));
    OfflineScorer scorer = OfflineScorer.of(registry, model, n);
    List<Prediction> predictions = scorer.score(loaded.rows());
    Path out = v.get(OUT);
    Files.createDirectories(out);
    Path file = out.resolve("predictions.jsonl");
    try (OutputStream w = Files.newOutputStream(file)) {
      for (Prediction p : predictions) {
        w.write(MetricsJson.predictionBytes(p));
        w.write('\n');
      }
    }
    System.out.printf("%d predictions by %s version %d (fitted after batch %d) written to %s%n",
        predictions.size(), scorer.version().kind().id(), scorer.version().entry().version(),
        scorer.version().entry().batch(), file);
    return 0;
  }
}
