package io.crimestream.local.drift;

import io.crimestream.job.SparkSessions;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.config.LearningOptions;
import io.crimestream.job.drift.DriftSettings;
import io.crimestream.job.eval.BinaryMetrics;
import io.crimestream.job.eval.ScoredRows;
import io.crimestream.job.predictions.PredictionSink;
import io.crimestream.local.DryRun;
import io.crimestream.local.report.StreamEvaluation;
import io.crimestream.metrics.BatchLine;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.Prediction;
import io.crimestream.options.CommandLineOptions;
import io.crimestream.options.JobOptions;
import io.crimestream.options.LauncherOptions;
import io.crimestream.options.OptionDef;
import io.crimestream.options.OptionValues;
import io.crimestream.producer.LoadedMonths;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.RecordKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code crimestream drift}: the drift detectors on real months. Segments streamed back to back
 * (say a 2015 export, then a 2018 one) show how soon the change is found, and whether restarting
 * the training window there helps; with {@code --alone}, each segment streamed by itself shows
 * the false alarms. The processor is the job's, fed fixed batches as the report's is.
 */
@Command(name = "drift", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = DriftCommand.SharedOptions.class,
    description = "Streams real months through the job's processor and reports what the drift"
        + " detectors found: with segments back to back, how many batches after each change; with"
        + " --alone, the false alarms of each segment streamed by itself. Writes drift.md.")
public final class DriftCommand implements Callable<Integer> {

  @Option(names = "--segment", required = true, paramLabel = "FILE:YYYY-MM[,YYYY-MM]",
      description = "Months of an export to stream; repeat for the next segment, streamed after it.")
  List<String> segments;

  @Option(names = "--alone", description = "Stream each segment by itself (false alarms), not back to back.")
  boolean alone;

  static final OptionDef<Path> OUT = LauncherOptions.out("drift", "drift.md");
  static final OptionDef<Integer> BATCH_ROWS = JobOptions.MAX_ROWS_PER_BATCH.withDefault("120",
      "Rows per micro-batch (the study's batch).");

  /** The job's learning options (drift detection among them), from their one definition. */
  static final class SharedOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      List<OptionDef<?>> all = new ArrayList<>(List.of(OUT, BATCH_ROWS));
      all.addAll(JobOptions.LEARNING);
      all.add(LauncherOptions.DRY_RUN);
      return CommandLineOptions.add(spec, all);
    }
  }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OptionValues v = CommandLineOptions.values(spec);
    List<DriftSegment> parts = segments.stream().map(DriftSegment::parse).toList();
    if (!alone && parts.size() < 2) {
      throw new IllegalArgumentException("one --segment has no change to find: give two or more,"
          + " streamed back to back, or add --alone for the false alarms");
    }
    int batchRows = v.get(BATCH_ROWS);
    LearningConfig learning = LearningOptions.learning(v, LearningConfig.defaults());
    List<LoadedMonths> loaded = new ArrayList<>();
    for (DriftSegment s : parts) {
      loaded.add(s.load(System.err));
    }
    if (v.get(LauncherOptions.DRY_RUN)) {
      System.out.printf("dry run: nothing started. The drift check would stream %s %s in batches of"
          + " %d rows, %s%n", alone ? "each of" : "back to back", parts.stream().map(DriftSegment::label)
          .toList(), batchRows, DryRun.learning(learning));
      return 0;
    }
    SparkSession spark = SparkSessions.getOrCreate("crimestream-drift");
    Path out = v.get(OUT);
    Files.createDirectories(out);
    String markdown;
    if (alone) {
      List<DriftTable.Alone> rows = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        Run run = stream(spark, List.of(loaded.get(i)), learning, batchRows);
        writeScores(out.resolve("scores-" + (i + 1) + ".csv"), List.of(loaded.get(i)), run);
        rows.add(new DriftTable.Alone(parts.get(i).label(), loaded.get(i).rows().size(),
            run.report().batches().size() + run.report().batchesOmitted(), run.report().drift()));
      }
      markdown = DriftTable.alone(learning.drift(), batchRows, rows);
    } else {
      Run reported = stream(spark, loaded, learning, batchRows);
      writeScores(out.resolve("scores.csv"), loaded, reported);
      Run reset = stream(spark, loaded, learning.withDrift(new DriftSettings(learning.drift().delta(),
          learning.drift().threshold(), learning.drift().minRows(), true)), batchRows);
      List<Long> boundaries = new ArrayList<>();
      long at = 0;
      for (int i = 0; i < loaded.size() - 1; i++) {
        at += loaded.get(i).rows().size();
        boundaries.add(at);
      }
      markdown = DriftTable.backToBack(learning.drift(), batchRows,
          parts.stream().map(DriftSegment::label).toList(), boundaries, reported.report().drift(),
          reported.aucAfter(loaded), reset.aucAfter(loaded), reset.report().drift());
    }
    Files.writeString(out.resolve("drift.md"), markdown);
    System.out.println(markdown);
    System.out.println("drift check: " + out.resolve("drift.md"));
    return 0;
  }

  /** A stream's report, and every row's scores by every model, by id. */
  private record Run(MetricsReport report, Map<String, Map<String, Double>> scores) {

    /** Each model's prequential AUC on each segment after the first, pooled over its rows. */
    List<Map<String, Double>> aucAfter(List<LoadedMonths> segments) {
      List<Map<String, Double>> out = new ArrayList<>();
      for (LoadedMonths segment : segments.subList(1, segments.size())) {
        Map<String, List<double[]>> byModel = new LinkedHashMap<>();
        for (CrimeRecord r : segment.rows()) {
          Map<String, Double> s = scores.get(RecordKey.text(r.id()));
          if (s != null) {
            s.forEach((model, p) -> byModel.computeIfAbsent(model, m -> new ArrayList<>())
                .add(new double[] {p, r.arrest() ? 1 : 0}));
          }
        }
        Map<String, Double> aucs = new LinkedHashMap<>();
        byModel.forEach((model, pairs) -> {
          double[] p = new double[pairs.size()];
          boolean[] y = new boolean[pairs.size()];
          for (int i = 0; i < p.length; i++) {
            p[i] = pairs.get(i)[0];
            y[i] = pairs.get(i)[1] == 1;
          }
          aucs.put(model, BinaryMetrics.of(new ScoredRows(p, y), 0.5).areaUnderROC());
        });
        out.add(aucs);
      }
      return out;
    }
  }

  private static Run stream(SparkSession spark, List<LoadedMonths> segments, LearningConfig learning,
                            int batchRows) throws IOException, InterruptedException {
    List<CrimeRecord> rows = new ArrayList<>();
    List<String> months = new ArrayList<>();
    for (LoadedMonths s : segments) {
      rows.addAll(s.rows());
      s.months().forEach(m -> months.add(m.toString()));
    }
    Map<String, Map<String, Double>> scores = new HashMap<>();
    PredictionSink collect = (batch, predictions) -> predictions.forEach(p -> {
      Prediction prediction = p.prediction();
      if (prediction.scores() != null) {
        scores.put(prediction.id(), prediction.scores());
      }
    });
    System.err.printf("== %d rows of %s in batches of %d, on drift: %s%n", rows.size(), months, batchRows,
        learning.drift().resetWindow() ? "reset-window" : "report");
    MetricsReport report = StreamEvaluation.run(spark, List.of(), rows, months, learning, batchRows, List.of(),
        List.of(collect), o -> {
          if (o.metrics() != null) {
            System.err.println(BatchLine.of(o.metrics()));
          }
        });
    return new Run(report, scores);
  }

  /**
   * {@code scores-<name>.csv}, GENERATED: per stream row in order, its label and every model's
   * prequential score, to study a detector's settings on the same stream without retraining.
   */
  private static void writeScores(Path file, List<LoadedMonths> segments, Run run) throws IOException {
    List<String> models = new ArrayList<>(new java.util.TreeSet<>(run.scores().values().stream()
        .flatMap(m -> m.keySet().stream()).toList()));
    StringBuilder csv = new StringBuilder("# GENERATED by ./crimestream drift: prequential scores in stream order\n")
        .append("position,arrest");
    models.forEach(m -> csv.append(',').append(m));
    csv.append('\n');
    long position = 0;
    for (LoadedMonths s : segments) {
      for (CrimeRecord r : s.rows()) {
        Map<String, Double> sc = run.scores().get(RecordKey.text(r.id()));
        csv.append(position++).append(',').append(r.arrest() ? 1 : 0);
        for (String m : models) {
          csv.append(',').append(sc == null || sc.get(m) == null ? "" : Double.toString(sc.get(m)));
        }
        csv.append('\n');
      }
    }
    Files.writeString(file, csv);
  }
}
