package io.crimestream.local.report;

import io.crimestream.job.SparkSessions;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.dashboard.ReportPage;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.local.DryRun;
import io.crimestream.local.Required;
import io.crimestream.local.charts.MetricsCharts;
import io.crimestream.metrics.BatchLine;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.options.CommandLineOptions;
import io.crimestream.options.FeatureSet;
import io.crimestream.options.JobOptions;
import io.crimestream.options.LauncherOptions;
import io.crimestream.options.ModelKind;
import io.crimestream.options.OptionDef;
import io.crimestream.options.OptionValues;
import io.crimestream.options.ProducerOptions;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.LoadedMonths;
import io.crimestream.producer.MonotonicClock;
import io.crimestream.producer.MonthLoader;
import io.crimestream.producer.RetryPolicy;
import io.crimestream.record.ArrestRecordedTypes;
import io.crimestream.record.CrimeRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code crimestream report}: every model, both feature sets, both views, on a file. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = ReportCommand.SharedOptions.class,
    description = "Runs the stream evaluation (test-then-train, batch after batch) for every model"
        + " and both feature sets on a file, with and without the incident types recorded mostly at"
        + " an arrest, and writes report.md, and per run its metrics, charts and report.html.")
public final class ReportCommand implements Callable<Integer> {

  static final OptionDef<Path> OUT = LauncherOptions.out("report", "report.md, the metrics and the charts");
  static final OptionDef<Integer> BATCH_ROWS = JobOptions.MAX_ROWS_PER_BATCH.withDefault("500",
      "Rows per micro-batch: the stream cut into batches of this many rows, so that the figures repeat.");
  static final OptionDef<List<ModelKind>> MODELS = JobOptions.MODELS.withDefault(
      ModelKind.render(List.of(ModelKind.values())), "The models to evaluate.");
  static final OptionDef<List<FeatureSet>> FEATURE_SETS = new OptionDef<>(JobOptions.FEATURES.flag(),
      "SET[,SET]", "study,improved", "The feature sets to evaluate.", FeatureSet::parseList,
      FeatureSet::render, null);

  /** The launcher's and the job's options, from their one definition. */
  static final class SharedOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      return CommandLineOptions.add(spec, List.of(LauncherOptions.DATA, ProducerOptions.MONTHS, OUT,
          BATCH_ROWS, MODELS, FEATURE_SETS, LauncherOptions.HISTORY_MONTHS, LauncherOptions.DRY_RUN));
    }
  }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OptionValues v = CommandLineOptions.values(spec);
    String data = Required.value(v, LauncherOptions.DATA);
    List<YearMonth> months = Required.value(v, ProducerOptions.MONTHS);
    Path out = v.get(OUT);
    int batchRows = v.get(BATCH_ROWS);
    List<ModelKind> kinds = v.get(MODELS);
    List<FeatureSet> featureSets = v.get(FEATURE_SETS);
    LoadedMonths loaded = MonthLoader.load(CrimeSource.parse(data, RetryPolicy.DEFAULT), months,
        System.err, MonotonicClock.SYSTEM);
    List<YearMonth> historyMonths = v.get(LauncherOptions.HISTORY_MONTHS);
    if (historyMonths != null && historyMonths.stream().anyMatch(months::contains)) {
      throw new IllegalArgumentException("--history-months and --months both name a month: a month is"
          + " either learned from first (history) or evaluated on, not both");
    }
    LoadedMonths history = historyMonths == null ? null : MonthLoader.load(CrimeSource.parse(data,
        RetryPolicy.DEFAULT), historyMonths, System.err, MonotonicClock.SYSTEM);
    if (v.get(LauncherOptions.DRY_RUN)) {
      System.out.printf("dry run: nothing started. The report would evaluate %s on %s (%s), in"
              + " batches of %d rows, for the feature sets %s, with and without the arrest-recorded"
              + " types, and write %s%n", ModelKind.render(kinds), data, DryRun.monthsLine(loaded),
          batchRows, FeatureSet.render(featureSets), out.resolve("report.md"));
      return 0;
    }
    List<CrimeRecord> rows = loaded.rows();
    List<CrimeRecord> withoutArrestRecorded = rows.stream()
        .filter(r -> !ArrestRecordedTypes.isArrestRecorded(r)).toList();
    List<String> monthLabels = months.stream().map(YearMonth::toString).toList();
    SparkSession spark = SparkSessions.getOrCreate("crimestream-report");
    Files.createDirectories(out);

    List<ReportTable.Run> runs = new ArrayList<>();
    // one page per run, beside its metrics.json: the same page a local run leaves, so that each
    // run's charts read alike; report.md is where the runs are compared
    List<Path> pages = new ArrayList<>();
    for (FeatureSet set : featureSets) {
      for (boolean exclude : new boolean[] {false, true}) {
        String name = set.id() + (exclude ? "-without-arrest-recorded" : "-all-types");
        LearningConfig learning = LearningConfig.defaults().withFeatures(set).withModels(kinds)
            .withExcludeArrestRecordedTypes(exclude);
        Path dir = out.resolve(name);
        System.err.printf("== %s: %d rows in batches of %d%n", name,
            exclude ? withoutArrestRecorded.size() : rows.size(), batchRows);
        JsonFileMetricsSink metrics = new JsonFileMetricsSink(dir.resolve("metrics.json"));
        MetricsReport report = StreamEvaluation.run(spark, rows, monthLabels, learning, batchRows,
            List.of(metrics), ReportCommand::printBatch).withSource(loaded.account());
        metrics.publish(report);
        MetricsCharts.write(report, dir.resolve("charts"));
        pages.add(ReportPage.write(report, List.of(), dir.resolve(ReportPage.FILE)));
        runs.add(new ReportTable.Run(set, exclude, report));
      }
    }
    String markdown = ReportTable.markdown(data, monthLabels, rows.size(), withoutArrestRecorded.size(),
        batchRows, runs);
    if (history != null) {
      ReportTable.Run cold = runs.stream().filter(r -> r.features() == FeatureSet.IMPROVED
          && !r.withoutArrestRecorded()).findFirst().orElse(null);
      LearningConfig learning = LearningConfig.defaults().withModels(kinds);
      Path dir = out.resolve("improved-all-types-warm");
      System.err.printf("== warm start: %d rows of %s first, then the %d rows%n", history.rows().size(),
          history.monthsLabel(), rows.size());
      JsonFileMetricsSink metrics = new JsonFileMetricsSink(dir.resolve("metrics.json"));
      MetricsReport warm = StreamEvaluation.run(spark, history.rows(), rows, monthLabels, learning, batchRows,
          List.of(metrics), ReportCommand::printBatch).withSource(loaded.account());
      metrics.publish(warm);
      pages.add(ReportPage.write(warm, List.of(), dir.resolve(ReportPage.FILE)));
      MetricsReport coldReport = cold != null ? cold.report() : StreamEvaluation.run(spark, rows, monthLabels,
          learning, batchRows, List.of(), ReportCommand::printBatch);
      markdown += ReportTable.warmStart(history.monthsLabel(), history.rows().size(), coldReport, warm);
    }
    Files.writeString(out.resolve("report.md"), markdown);
    System.out.println(markdown);
    System.out.println("report: " + out.resolve("report.md"));
    pages.forEach(p -> System.out.println("page:   " + p));
    return 0;
  }

  private static void printBatch(MicroBatchProcessor.BatchOutcome outcome) {
    if (outcome.metrics() != null) {
      System.err.println(BatchLine.of(outcome.metrics()));
    }
  }
}
