package io.crimestream.local;

import io.crimestream.job.config.JobConfig;
import io.crimestream.job.config.LearningOptions;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.SourceAccount;
import io.crimestream.options.CommandLineOptions;
import io.crimestream.options.Flags;
import io.crimestream.options.JobOptions;
import io.crimestream.options.LauncherOptions;
import io.crimestream.options.OptionDef;
import io.crimestream.options.OptionValues;
import io.crimestream.options.ProducerOptions;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.LoadedMonths;
import io.crimestream.producer.Pace;
import io.crimestream.producer.RetryPolicy;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code crimestream local}: the embedded run. */
@Command(name = "local", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = LocalCommand.SharedOptions.class,
    description = "Runs the whole pipeline on this machine: a Kafka broker (KRaft), the producer and the"
        + " streaming job (Spark local[2]); stops once every row of the months has been trained"
        + " on; serves a live dashboard on the HTTP port while it runs. Leaves metrics.json, charts/ and"
        + " report.html in the output directory. Without --data, the months"
        + " are downloaded from the city's Socrata API.")
public final class LocalCommand implements Callable<Integer> {

  static final OptionDef<Path> OUT = LauncherOptions.out("out", "metrics.json, the charts and report.html");
  static final OptionDef<Boolean> KEEP_SERVING = Flags.flag("--keep-serving",
      "Once every row has been trained on, keep /metrics and the dashboard up (and the job running, idle)"
          + " until Ctrl-C.");
  static final OptionDef<String> HTTP_ADDRESS = JobOptions.HTTP_ADDRESS.withDefault("127.0.0.1",
      "The address /metrics and the dashboard listen on: this machine only by default; 0.0.0.0 for every"
          + " interface.");

  /** The producer's, the job's and the launcher's options, from their one definition. */
  static final class SharedOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      List<OptionDef<?>> all = new ArrayList<>(List.of(LauncherOptions.DATA, ProducerOptions.MONTHS,
          OUT, LauncherOptions.HISTORY_MONTHS, LauncherOptions.HISTORY_DATA, JobOptions.INITIAL_MODELS,
          JobOptions.KEEP_VERSIONS));
      all.addAll(ProducerOptions.PACE);
      all.add(JobOptions.TOPIC);
      all.addAll(JobOptions.LEARNING);
      all.addAll(JobOptions.STREAMING);
      all.add(HTTP_ADDRESS);
      all.add(JobOptions.HTTP_PORT);
      all.add(KEEP_SERVING);
      all.add(LauncherOptions.DRY_RUN);
      return CommandLineOptions.add(spec, all);
    }
  }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OptionValues v = CommandLineOptions.values(spec);
    List<YearMonth> months = Required.value(v, ProducerOptions.MONTHS);
    String data = v.get(LauncherOptions.DATA);
    Path out = v.get(OUT);
    CrimeSource source = data == null ? CrimeSource.socrata() : CrimeSource.parse(data, RetryPolicy.DEFAULT);
    Pace pace = Pace.of(v);
    String topic = v.get(JobOptions.TOPIC);
    UnaryOperator<JobConfig.Builder> job = b -> LearningOptions.applyTo(v, b)
        .initialModels(v.get(JobOptions.INITIAL_MODELS)).keepVersions(v.get(JobOptions.KEEP_VERSIONS))
        .http(v.get(HTTP_ADDRESS), v.get(JobOptions.HTTP_PORT));
    List<YearMonth> historyMonths = v.get(LauncherOptions.HISTORY_MONTHS);
    String historyData = v.get(LauncherOptions.HISTORY_DATA) != null ? v.get(LauncherOptions.HISTORY_DATA) : data;
    LocalRun.History history = historyMonths == null ? null : new LocalRun.History(historyMonths,
        historyData == null ? CrimeSource.socrata() : CrimeSource.parse(historyData, RetryPolicy.DEFAULT));
    LocalRun.Request request = new LocalRun.Request(months, source, pace, topic, job, out, history,
        v.get(KEEP_SERVING));
    if (v.get(LauncherOptions.DRY_RUN)) {
      DryRun.local(request, System.out, System.err);
      return 0;
    }
    System.err.printf("crimestream local: %s of %s, %s; out %s%n", LoadedMonths.label(months),
        data == null ? "the city's API" : data, pace, out);
    // a signal gives the run its grace period, and a few seconds more for the outputs and summary
    try (StopSignal signal = StopSignal.watch(Thread.currentThread(),
        v.get(JobOptions.STOP_GRACE_PERIOD).plusSeconds(5))) {
      LocalRun.Result result = LocalRun.run(request, signal, System.out, System.err);
      printSummary(result);
    }
    return 0;
  }

  private static void printSummary(LocalRun.Result r) {
    MetricsReport report = r.report();
    MetricsReport.Summary s = report.summary();
    if (r.stoppedBySignal()) {
      System.out.printf(Locale.ROOT, "%nstopped by a signal after %d batches: the outputs hold every"
          + " completed batch; run the command again to stream the months from the start%n", s.batches());
    }
    System.out.printf(Locale.ROOT, "%n%d rows trained in %d batches, %d rejected %s; best model: %s%n",
        s.rowsTotal(), s.batches(), s.rowsRejectedTotal(), report.rowsRejected(), s.bestModel());
    SourceAccount source = report.source();
    if (source != null) {
      System.out.printf(Locale.ROOT, "source: %d rows read = %d of the months + %d rejected by the reader"
          + " + %d outside the months + %d duplicate ids%n", source.rowsRead(), source.rowsOfMonths(),
          source.rejectedTotal(), source.outsideMonths(), source.duplicateIds());
    }
    System.out.printf(Locale.ROOT, "%-24s %9s %9s %9s %9s   %s%n", "model (last batch)", "accuracy",
        "AUC-ROC", "AUC-PR", "F1", "prequential AUC-ROC, cumulative");
    s.models().forEach((name, m) -> System.out.printf(Locale.ROOT, "%-24s %9s %9s %9s %9s   %s%n", name,
        fmt(m.accuracy()), fmt(m.areaUnderROC()), fmt(m.areaUnderPR()), fmt(m.f1()),
        fmt(cumulativeAuc(m))));
    System.out.println("metrics: " + r.metricsFile());
    r.charts().forEach(c -> System.out.println("chart:   " + c));
    System.out.println("page:    " + r.reportPage() + " (the dashboard's charts for this run; opens from disk)");
  }

  private static Double cumulativeAuc(ModelMetrics m) {
    return m.prequentialCumulative() == null ? null : m.prequentialCumulative().areaUnderROC();
  }

  private static String fmt(Double d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
  }
}
