package io.crimestream.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crimestream.job.SparkSessions;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.config.LearningOptions;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.local.DryRun;
import io.crimestream.options.CommandLineOptions;
import io.crimestream.options.JobOptions;
import io.crimestream.options.LauncherOptions;
import io.crimestream.options.OptionDef;
import io.crimestream.options.OptionValues;
import io.crimestream.record.CrimeRecord;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code crimestream bench}: replay throughput, time to the first trained batch, the micro-batch
 * cycle as the accumulated rows grow (beside the study's strategy), and memory, in one run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    modelTransformer = BenchCommand.SharedOptions.class,
    description = "Measures, on this machine: producer-to-broker throughput in replay mode, time from"
        + " start to the first trained batch, the micro-batch cycle at growing accumulated sizes"
        + " beside the study's strategy, and memory. Writes bench.json and bench.md. Sizes beyond"
        + " the real rows use GENERATED rows: real rows resampled with noise.")
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where bench.json and bench.md go.")
  Path out;

  @Option(names = "--sizes", split = ",", defaultValue = "1000,10000,100000,1000000",
      description = "Accumulated rows at which the cycle is measured (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--data", split = ",", paramLabel = "FILE",
      description = "Real exports to resample from (default: every CSV in ../shared/data/chicago beside the project).")
  List<Path> data;

  @Option(names = "--samples", defaultValue = "5", description = "Measured batches per size (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--warmup", defaultValue = "2",
      description = "Unmeasured batches at each size before the measured ones; the first cycles are the slowest (default: ${DEFAULT-VALUE}).")
  int warmup;


  @Option(names = "--study-max-rows", defaultValue = "100000",
      description = "Largest size at which the study's strategy is measured too; it slows down with every batch (default: ${DEFAULT-VALUE}).")
  int studyMaxRows;

  @Option(names = "--study-samples", defaultValue = "3", description = "Measured study batches per size (default: ${DEFAULT-VALUE}).")
  int studySamples;

  @Option(names = "--replay-rows", defaultValue = "200000", description = "Rows sent for the throughput figure (default: ${DEFAULT-VALUE}).")
  int replayRows;

  @Option(names = "--full-replay-rows", defaultValue = "250000",
      description = "GENERATED rows replayed through the job for the full-replay figure (default: ${DEFAULT-VALUE}).")
  int fullReplayRows;

  @Option(names = "--registry", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Save each measured cycle's models to a model registry, as the job does (default: on);"
          + " --no-registry measures the cycle without saving, to see what saving adds.")
  boolean registry;

  /** What the bench can measure, each on its own. */
  enum Part { FIRST_BATCH, REPLAY, CYCLE, FULL_REPLAY }

  @Option(names = "--parts", split = ",", defaultValue = "first-batch,replay,cycle,full-replay",
      converter = PartConverter.class,
      description = "What to measure: first-batch, replay, cycle, full-replay (default: all). A figure not"
          + " measured is 0 or absent in bench.json.")
  List<Part> parts;

  static final class PartConverter implements CommandLine.ITypeConverter<Part> {
    @Override
    public Part convert(String value) {
      try {
        return Part.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("--parts: no part '" + value
            + "'; the parts are first-batch, replay, cycle, full-replay");
      }
    }
  }

  static final OptionDef<Integer> BATCH_ROWS = JobOptions.MAX_ROWS_PER_BATCH.withDefault("500",
      "Rows per measured batch.");

  /** The job's learning options, from their one definition. */
  static final class SharedOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      List<OptionDef<?>> all = new ArrayList<>(List.of(BATCH_ROWS, JobOptions.MAX_ROWS_WHEN_BEHIND));
      all.addAll(JobOptions.LEARNING);
      all.add(LauncherOptions.DRY_RUN);
      return CommandLineOptions.add(spec, all);
    }
  }

  @Spec
  CommandSpec spec;

  private int batchRows;

  private final PrintStream log = System.err;

  @Override
  public Integer call() throws Exception {
    OptionValues v = CommandLineOptions.values(spec);
    batchRows = v.get(BATCH_ROWS);
    if (samples < 1 || warmup < 0 || sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 1)) {
      throw new IllegalArgumentException("--samples and every --sizes value must be positive, --warmup at least 0");
    }
    List<Integer> sorted = sizes.stream().sorted().toList();
    HeapPeak heapPeak = new HeapPeak();
    List<CrimeRecord> real = RealExports.read(data, log);
    log.printf("bench: %d real rows to resample from%n", real.size());
    LearningConfig learningConfig = LearningOptions.learning(v, LearningConfig.defaults());
    if (v.get(LauncherOptions.DRY_RUN)) {
      heapPeak.close();
      System.out.printf("dry run: nothing started. The bench would resample %d real rows into"
              + " GENERATED ones and measure the cycle at %s accumulated rows (%d samples of %d rows"
              + " each; the study's strategy up to %d rows), %s, and write %s%n", real.size(), sizes,
          samples, batchRows, studyMaxRows, DryRun.learning(learningConfig), out.resolve("bench.json"));
      return 0;
    }
    Files.createDirectories(out);

    long firstBatchMillis = 0;
    double replayRowsPerSecond = 0;
    if (parts.contains(Part.FIRST_BATCH) || parts.contains(Part.REPLAY)) {
      try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
        if (parts.contains(Part.FIRST_BATCH)) {
          firstBatchMillis = FirstTrainedBatch.measure(kafka, real, learningConfig, log);
        }
        if (parts.contains(Part.REPLAY)) {
          replayRowsPerSecond = ReplayThroughput.measure(kafka, real, replayRows, log);
        }
      }
    }
    SparkSession spark = SparkSessions.getOrCreate("crimestream-bench");
    int largest = sorted.get(sorted.size() - 1);
    int total = largest + sorted.size() * (warmup + samples) * batchRows;
    List<CrimeRecord> stream = GeneratedCrimes.resample(real, total, GeneratedCrimes.FIRST_ID,
        LocalDateTime.of(2016, 1, 1, 0, 0), 365, 7);

    // what the bench itself keeps (its generated rows, Spark's own state) before the job holds any
    long baselineHeap = ProcessMemory.liveHeapAfterFullGc();
    List<BenchResult.Cycle> cycles = new ArrayList<>();
    CycleTimes ours = !parts.contains(Part.CYCLE) ? new CycleTimes(List.of(), List.of(), List.of(), List.of(), 0)
        : CycleTimes.measure(spark, stream, sorted, warmup, samples, batchRows, learningConfig, registry,
            out.resolve("bench-metrics-generated-rows.json"), log);
    for (int i = 0; i < ours.millisPerSize().size(); i++) {
      int size = sorted.get(i);
      Long study = size <= studyMaxRows
          ? StudyCycleTimes.p50(spark, stream, size, batchRows, studySamples, log) : null;
      List<Long> ms = ours.millisPerSize().get(i);
      long p50 = Percentiles.of(ms, 50);
      cycles.add(new BenchResult.Cycle(size, p50, Percentiles.of(ms, 95), study,
          study == null ? null : Math.round(100.0 * study / Math.max(1, p50)) / 100.0, ms.size(),
          ours.cpuPerSize().get(i), ours.jobsPerSize().get(i), ours.stagesPerSize().get(i)));
    }
    BenchResult.FullReplay fullReplay = null;
    if (parts.contains(Part.FULL_REPLAY)) {
      try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
        fullReplay = FullReplay.measure(kafka, real, fullReplayRows, batchRows, v.get(JobOptions.MAX_ROWS_WHEN_BEHIND),
            learningConfig, log);
      }
    }
    long peakHeap = heapPeak.bytes();
    heapPeak.close();
    BenchResult result = new BenchResult(BenchResult.Machine.current(spark.version()), replayRowsPerSecond,
        firstBatchMillis, peakHeap, ours.liveHeapBytes(), baselineHeap, ProcessMemory.peakRss(),
        learningConfig.window().toString(), learningConfig.models().stream().map(m -> m.id()).toList(),
        batchRows, registry, cycles, fullReplay);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    json.writeValue(out.resolve("bench.json").toFile(), result);
    String md = BenchTable.markdown(result);
    Files.writeString(out.resolve("bench.md"), md);
    System.out.println(md);
    return 0;
  }
}
