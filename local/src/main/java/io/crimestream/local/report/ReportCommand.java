package io.crimestream.local.report;

import io.crimestream.job.SparkSessions;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.features.FeatureSet;
import io.crimestream.job.model.ModelKind;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.local.charts.MetricsCharts;
import io.crimestream.metrics.BatchLine;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.LoadedMonths;
import io.crimestream.producer.MonotonicClock;
import io.crimestream.producer.MonthLoader;
import io.crimestream.producer.MonthConverter;
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
import picocli.CommandLine.Option;

/** {@code crimestream report}: every model, both feature sets, both views, on a file. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the stream evaluation (test-then-train, batch after batch) for every model"
        + " and both feature sets on a file, with and without the incident types recorded mostly at"
        + " an arrest, and writes report.md and the charts.")
public final class ReportCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, paramLabel = "FILE|URL", description = "A CSV export of the city's crimes.")
  String data;

  @Option(names = {"--months", "--month"}, required = true, split = ",", paramLabel = "YYYY-MM",
      converter = MonthConverter.class, description = "The months to evaluate on, in time order.")
  List<YearMonth> months;

  @Option(names = "--out", defaultValue = "report", paramLabel = "DIR",
      description = "Where report.md, the metrics and the charts go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--batch-rows", defaultValue = "500",
      description = "Rows per micro-batch (default: ${DEFAULT-VALUE}).")
  int batchRows;

  @Option(names = "--models", defaultValue = "logistic_regression,decision_tree,random_forest,gradient_boosted_trees",
      description = "Models to evaluate (default: ${DEFAULT-VALUE}).")
  String models;

  @Option(names = "--features", split = ",", defaultValue = "study,improved",
      description = "Feature sets to evaluate (default: ${DEFAULT-VALUE}).")
  List<String> featureSets;

  @Override
  public Integer call() throws Exception {
    if (batchRows < 1) {
      throw new IllegalArgumentException("--batch-rows must be at least 1");
    }
    List<ModelKind> kinds = ModelKind.parseList(models);
    LoadedMonths loaded = MonthLoader.load(CrimeSource.parse(data, RetryPolicy.DEFAULT), months,
        System.err, MonotonicClock.SYSTEM);
    List<CrimeRecord> rows = loaded.rows();
    List<CrimeRecord> withoutArrestRecorded = rows.stream()
        .filter(r -> !ArrestRecordedTypes.isArrestRecorded(r)).toList();
    List<String> monthLabels = months.stream().map(YearMonth::toString).toList();
    SparkSession spark = SparkSessions.getOrCreate("crimestream-report");
    Files.createDirectories(out);

    List<ReportTable.Run> runs = new ArrayList<>();
    for (String fs : featureSets) {
      FeatureSet set = FeatureSet.parse(fs);
      for (boolean exclude : new boolean[] {false, true}) {
        String name = set.id() + (exclude ? "-without-arrest-recorded" : "-all-types");
        LearningConfig learning = LearningConfig.defaults().withFeatures(set).withModels(kinds)
            .withExcludeArrestRecordedTypes(exclude);
        Path dir = out.resolve(name);
        System.err.printf("== %s: %d rows in batches of %d%n", name,
            exclude ? withoutArrestRecorded.size() : rows.size(), batchRows);
        MetricsReport report = StreamEvaluation.run(spark, rows, monthLabels, learning, batchRows,
            List.of(new JsonFileMetricsSink(dir.resolve("metrics.json"))), ReportCommand::printBatch);
        MetricsCharts.write(report, dir.resolve("charts"));
        runs.add(new ReportTable.Run(set, exclude, report));
      }
    }
    String markdown = ReportTable.markdown(data, monthLabels, rows.size(), withoutArrestRecorded.size(),
        batchRows, runs);
    Files.writeString(out.resolve("report.md"), markdown);
    System.out.println(markdown);
    System.out.println("report: " + out.resolve("report.md"));
    return 0;
  }

  private static void printBatch(MicroBatchProcessor.BatchOutcome outcome) {
    if (outcome.metrics() != null) {
      System.err.println(BatchLine.of(outcome.metrics()));
    }
  }
}
