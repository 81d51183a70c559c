package io.crimestream.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crimestream.job.SparkSessions;
import io.crimestream.job.StreamingJob;
import io.crimestream.job.config.JobConfig;
import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.config.LearningOptions;
import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.job.sink.JsonFileMetricsSink;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.local.DryRun;
import io.crimestream.options.CommandLineOptions;
import io.crimestream.options.JobOptions;
import io.crimestream.options.LauncherOptions;
import io.crimestream.options.OptionDef;
import io.crimestream.options.OptionValues;
import io.crimestream.producer.CrimeSource;
import io.crimestream.producer.Pace;
import io.crimestream.producer.Producer;
import io.crimestream.producer.ProducerConfig;
import io.crimestream.producer.ProducerResult;
import io.crimestream.record.CrimeCsvReader;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.ReadSummary;
import io.crimestream.record.Rejection;
import io.crimestream.record.WireCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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


  @Option(names = "--study-max-rows", defaultValue = "100000",
      description = "Largest size at which the study's strategy is measured too; it slows down with every batch (default: ${DEFAULT-VALUE}).")
  int studyMaxRows;

  @Option(names = "--study-samples", defaultValue = "3", description = "Measured study batches per size (default: ${DEFAULT-VALUE}).")
  int studySamples;

  @Option(names = "--replay-rows", defaultValue = "200000", description = "Rows sent for the throughput figure (default: ${DEFAULT-VALUE}).")
  int replayRows;

  static final OptionDef<Integer> BATCH_ROWS = JobOptions.MAX_ROWS_PER_BATCH.withDefault("500",
      "Rows per measured batch.");

  /** The job's learning options, from their one definition. */
  static final class SharedOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      List<OptionDef<?>> all = new ArrayList<>(List.of(BATCH_ROWS));
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
    if (samples < 1 || sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 1)) {
      throw new IllegalArgumentException("--samples and every --sizes value must be positive");
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

    long firstBatchMillis;
    double replayRowsPerSecond;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      firstBatchMillis = firstBatch(kafka, real, learningConfig);
      replayRowsPerSecond = replay(kafka, real);
    }
    SparkSession spark = SparkSessions.getOrCreate("crimestream-bench");
    int largest = sorted.get(sorted.size() - 1);
    int total = largest + sorted.size() * samples * batchRows;
    List<CrimeRecord> stream = GeneratedCrimes.resample(real, total, GeneratedCrimes.FIRST_ID,
        LocalDateTime.of(2016, 1, 1, 0, 0), 365, 7);

    List<BenchResult.Cycle> cycles = new ArrayList<>();
    // what the bench itself keeps (its generated rows, Spark's own state) before the job holds any
    long baselineHeap = liveHeapAfterFullGc();
    long[] liveHeap = new long[1];
    List<List<Long>> ours = ourCycles(spark, stream, sorted, learningConfig, liveHeap);
    for (int i = 0; i < sorted.size(); i++) {
      int size = sorted.get(i);
      Long study = size <= studyMaxRows ? studyP50(spark, stream, size) : null;
      List<Long> ms = ours.get(i);
      long p50 = percentile(ms, 50);
      cycles.add(new BenchResult.Cycle(size, p50, percentile(ms, 95), study,
          study == null ? null : Math.round(100.0 * study / Math.max(1, p50)) / 100.0, ms.size()));
    }
    long peakHeap = heapPeak.bytes();
    heapPeak.close();
    BenchResult result = new BenchResult(BenchResult.Machine.current(spark.version()), replayRowsPerSecond, firstBatchMillis,
        peakHeap, liveHeap[0], baselineHeap, peakRss(), learningConfig.window().toString(),
        learningConfig.models().stream().map(m -> m.id()).toList(), batchRows, cycles);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    json.writeValue(out.resolve("bench.json").toFile(), result);
    String md = BenchTable.markdown(result);
    Files.writeString(out.resolve("bench.md"), md);
    System.out.println(md);
    return 0;
  }

  /** Start to first trained batch: Spark session, query start, first 120 rows trained. */
  private long firstBatch(EmbeddedKafka kafka, List<CrimeRecord> real, LearningConfig learningConfig)
      throws Exception {
    String topic = "bench-first";
    kafka.createTopic(topic, 1);
    List<CrimeRecord> first = GeneratedCrimes.resample(real, 120, GeneratedCrimes.FIRST_ID,
        LocalDateTime.of(2016, 5, 1, 0, 0), 1, 1);
    send(kafka, topic, first);
    Path checkpoint = Files.createTempDirectory("crimestream-bench-");
    CompletableFuture<Long> trained = new CompletableFuture<>();
    long start = System.nanoTime();
    JobConfig config = JobConfig.builder(KafkaConnection.plaintext(kafka.bootstrapServers()), topic, checkpoint)
        .learning(learningConfig).deadLetterTopic(null).build();
    try (StreamingJob job = StreamingJob.start(SparkSessions.getOrCreate("crimestream-bench"), config,
        List.of(), outcome -> {
          if (outcome.metrics() != null) {
            trained.complete((System.nanoTime() - start) / 1_000_000);
          }
        })) {
      long millis = trained.get(5, TimeUnit.MINUTES);
      log.printf("first trained batch %d ms after the job's start%n", millis);
      return millis;
    }
  }

  private double replay(EmbeddedKafka kafka, List<CrimeRecord> real) throws Exception {
    String topic = "bench-replay";
    kafka.createTopic(topic, 1);
    List<CrimeRecord> rows = GeneratedCrimes.resample(real, replayRows, GeneratedCrimes.FIRST_ID,
        LocalDateTime.of(2016, 5, 1, 0, 0), 30, 2);
    ProducerResult r = send(kafka, topic, rows);
    double perSecond = r.rowsAcknowledged() / Math.max(1e-9, r.sendTime().toNanos() / 1e9);
    log.printf("replay: %d rows acknowledged in %.2f s: %.0f rows/s%n", r.rowsAcknowledged(),
        r.sendTime().toNanos() / 1e9, perSecond);
    return perSecond;
  }

  private static ProducerResult send(EmbeddedKafka kafka, String topic, List<CrimeRecord> rows) throws Exception {
    CrimeSource generated = (months, listener, clock) -> {
      long line = 1;
      for (CrimeRecord r : rows) {
        listener.accepted(r, ++line);
      }
      return new ReadSummary("generated", rows.size(), rows.size(), java.util.Map.of(), java.util.Map.of());
    };
    List<YearMonth> months = rows.stream().map(CrimeRecord::month).distinct().sorted().toList();
    ProducerResult r = Producer.run(ProducerConfig.of(months, generated,
        KafkaConnection.plaintext(kafka.bootstrapServers())).withTopic(topic).withPace(Pace.REPLAY),
        new PrintStream(PrintStream.nullOutputStream()));
    if (!r.complete()) {
      throw new IllegalStateException("the producer did not deliver every row: " + r.summaryLine());
    }
    return r;
  }

  /** This project's cycle: the processor the job runs, at each size, {@code samples} times. */
  private List<List<Long>> ourCycles(SparkSession spark, List<CrimeRecord> stream, List<Integer> sizes,
                                     LearningConfig learningConfig, long[] liveHeap)
      throws IOException, InterruptedException {
    List<List<Long>> result = new ArrayList<>();
    Path checkpoint = Files.createTempDirectory("crimestream-bench-");
    try (MicroBatchProcessor processor = MicroBatchProcessor.builder(spark, learningConfig, checkpoint)
        .topic("bench")
        .sinks(List.of(new JsonFileMetricsSink(out.resolve("bench-metrics-generated-rows.json"))))
        .build()) {
      int next = 0;
      long batch = 0;
      for (int size : sizes) {
        // bring the accumulated rows up to the size, in large batches that are not measured
        while (next < size) {
          int end = Math.min(size, next + 250_000);
          processor.process(batch++, incoming(stream.subList(next, end), next));
          next = end;
        }
        List<Long> ms = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
          List<IncomingRecord> records = incoming(stream.subList(next, next + batchRows), next);
          next += batchRows;
          long t = System.nanoTime();
          processor.process(batch++, records);
          ms.add((System.nanoTime() - t) / 1_000_000);
        }
        log.printf("cycle at %,d rows: %s ms%n", size, ms);
        result.add(ms);
        if (size == sizes.get(sizes.size() - 1)) {
          liveHeap[0] = liveHeapAfterFullGc();
        }
      }
    }
    return result;
  }

  /** The study's cycle at {@code size} accumulated rows, or null when it took too long. */
  private Long studyP50(SparkSession spark, List<CrimeRecord> stream, int size) {
    StudyStrategy study = new StudyStrategy(spark);
    for (int start = 0; start < size; start += batchRows) {
      study.append(stream.subList(start, Math.min(size, start + batchRows)));
    }
    List<Long> ms = new ArrayList<>();
    for (int s = 0; s < studySamples; s++) {
      int from = size + s * batchRows;
      long t = System.nanoTime();
      study.cycle(stream.subList(from, from + batchRows));
      ms.add((System.nanoTime() - t) / 1_000_000);
    }
    log.printf("study cycle at %,d rows: %s ms%n", size, ms);
    return percentile(ms, 50);
  }

  private List<IncomingRecord> incoming(List<CrimeRecord> rows, long firstOffset) {
    List<IncomingRecord> out = new ArrayList<>(rows.size());
    long offset = firstOffset;
    for (CrimeRecord r : rows) {
      out.add(new IncomingRecord("bench", 0, offset++, WireCodec.key(r).getBytes(StandardCharsets.UTF_8),
          WireCodec.encode(r)));
    }
    return out;
  }

  static long percentile(List<Long> values, int p) {
    List<Long> s = new ArrayList<>(values);
    Collections.sort(s);
    int index = (int) Math.ceil(p / 100.0 * s.size()) - 1;
    return s.get(Math.max(0, Math.min(s.size() - 1, index)));
  }

  private static long liveHeapAfterFullGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long peakRss() {
    return procStatusKb("VmHWM:") * 1024;
  }

  private static long procStatusKb(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: reported as 0
    }
    return 0;
  }


}
