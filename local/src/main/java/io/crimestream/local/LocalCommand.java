package io.crimestream.local;

import io.crimestream.job.config.JobOptions;
import io.crimestream.kafka.TopicName;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.SourceAccount;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.LoadedMonths;
import io.crimestream.producer.MonthConverter;
import io.crimestream.producer.Pace;
import io.crimestream.producer.PaceOptions;
import io.crimestream.producer.RetryPolicy;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crimestream local}: the embedded run. */
@Command(name = "local", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the whole pipeline on this machine: a Kafka broker (KRaft), the producer and the"
        + " streaming job (Spark local[2]); stops once every row of the months has been trained"
        + " on. Leaves metrics.json and charts/ in the output directory.")
public final class LocalCommand implements Callable<Integer> {

  @Option(names = "--data", paramLabel = "FILE|URL",
      description = "A CSV export of the city's crimes (portal, Kaggle or Socrata format), or its http(s) URL."
          + " Without it, the months are downloaded from the city's Socrata API.")
  String data;

  @Option(names = {"--months", "--month"}, required = true, split = ",", paramLabel = "YYYY-MM",
      converter = MonthConverter.class, description = "The months to stream, in time order.")
  List<YearMonth> months;

  @Option(names = "--out", defaultValue = "out", paramLabel = "DIR",
      description = "Where metrics.json and the charts go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Mixin
  PaceOptions pacing = new PaceOptions();

  @Option(names = "--topic", defaultValue = TopicName.DEFAULT, description = "Kafka topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Mixin
  JobOptions learning = new JobOptions();

  @Override
  public Integer call() throws Exception {
    TopicName.requireLegal(topic);
    CrimeSource source = data == null ? CrimeSource.socrata() : CrimeSource.parse(data, RetryPolicy.DEFAULT);
    Pace pace = pacing.pace();
    System.err.printf("crimestream local: %s of %s, %s; out %s%n", LoadedMonths.label(months),
        data == null ? "the city's API" : data, pace, out);
    // a signal gives the run its grace period, and a few seconds more for the outputs and summary
    try (StopSignal signal = StopSignal.watch(Thread.currentThread(),
        learning.stopGracePeriod().plusSeconds(5))) {
      LocalRun.Result result = LocalRun.run(new LocalRun.Request(months, source, pace, topic,
          learning::applyTo, out), signal, System.out, System.err);
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
  }

  private static Double cumulativeAuc(ModelMetrics m) {
    return m.prequentialCumulative() == null ? null : m.prequentialCumulative().areaUnderROC();
  }

  private static String fmt(Double d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
  }
}
