package io.crimestream.job;

import io.crimestream.job.config.JobConfig;
import io.crimestream.job.dashboard.Dashboard;
import io.crimestream.job.dashboard.LatestPredictions;
import io.crimestream.job.deadletter.DeadLetterQueue;
import io.crimestream.job.deadletter.KafkaDeadLetterQueue;
import io.crimestream.job.monitoring.JobMonitoring;
import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.job.pipeline.LearningSteps;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.job.predictions.JsonlPredictionSink;
import io.crimestream.job.predictions.KafkaPredictionSink;
import io.crimestream.job.predictions.PredictionSink;
import io.crimestream.job.registry.ModelRegistry;
import io.crimestream.job.sink.MetricsSink;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.SourceAccount;
import io.crimestream.record.WireCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming query: the Kafka topic, read every trigger interval, each micro-batch handed to
 * the {@link MicroBatchProcessor}. The processor's state lives on the driver; Spark's checkpoint
 * (offsets and commits) and the processor's (rows and state) sit side by side under the
 * checkpoint directory, so a restarted job resumes where the last committed batch ended.
 */
public final class StreamingJob implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamingJob.class);

  /** Progress after the latest batch: what a caller waiting for the stream to drain needs. */
  public record Progress(long batches, long rowsTotal, long rejectedTotal,
                         Map<Integer, Long> nextOffsets) {
    static final Progress NONE = new Progress(0, 0, 0, Map.of());

    /** Whether every record before {@code endOffsets} (per partition) has been processed. */
    public boolean reached(Map<Integer, Long> endOffsets) {
      return endOffsets.entrySet().stream()
          .allMatch(e -> e.getValue() == 0 || nextOffsets.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }
  }

  /** The job's own checkpoint, beside Spark's ({@code spark/}) under the checkpoint directory. */
  public static final String CHECKPOINT_SUBDIR = "crimestream";

  private final StreamingQuery query;
  private final MicroBatchProcessor processor;
  /** {@code /metrics}; {@code null} when the config asks for no HTTP endpoint. */
  private final JobMonitoring monitoring;
  /** The dashboard beside {@code /metrics}, and the predictions it lists; {@code null} with no endpoint. */
  private final Dashboard dashboard;
  private final LatestPredictions latestPredictions;
  private volatile Progress progress = Progress.NONE;
  /** Held while a micro-batch runs, so that a graceful stop can wait for it to complete. */
  private final ReentrantLock inFlight = new ReentrantLock();
  private volatile boolean stopping;

  private StreamingJob(SparkSession spark, JobConfig config, List<MetricsSink> sinks,
                       Consumer<MicroBatchProcessor.BatchOutcome> onBatch) throws TimeoutException, IOException {
    this.monitoring = config.httpPort() == null ? null : JobMonitoring.start(config, () -> progress.nextOffsets());
    this.latestPredictions = monitoring == null ? null : new LatestPredictions(LatestPredictions.DEFAULT_CAPACITY);
    DeadLetterQueue dlq = config.deadLetterTopic() == null
        ? DeadLetterQueue.NONE
        : new KafkaDeadLetterQueue(config.kafka(), config.deadLetterTopic());
    this.processor = MicroBatchProcessor.builder(spark, config.learning(),
            config.checkpointDir().resolve(CHECKPOINT_SUBDIR))
        .topic(config.topic()).months(config.months()).deadLetters(dlq).sinks(sinks)
        .predictions(predictionSinks(config, latestPredictions))
        .registry(new ModelRegistry(config.modelsDir(), config.keepVersions()))
        .initialModels(config.initialModels())
        .learningSteps(LearningSteps.of(config.maxRowsPerBatch(), config.maxRowsWhenBehind()))
        .build();
    // a restarted job's dashboard shows the batches its checkpoint already holds
    this.dashboard = monitoring == null ? null
        : Dashboard.serve(monitoring.server(), processor.report(), latestPredictions);

    Dataset<Row> kafka = spark.readStream()
        .format("kafka")
        .options(kafkaOptions(config))
        .option("subscribe", config.topic())
        .option("startingOffsets", config.startingOffsets())
        // behind its topic, the job reads up to the larger cap and learns it in steps
        .option("maxOffsetsPerTrigger", config.maxRowsWhenBehind())
        // a topic whose old records were deleted by retention is not a reason to stop learning
        .option("failOnDataLoss", "false")
        // a history record (a warm start's months) says so in a header
        .option("includeHeaders", "true")
        .load()
        .select("topic", "partition", "offset", "key", "value", "headers");

    VoidFunction2<Dataset<Row>, Long> eachBatch = (batch, batchId) -> {
      inFlight.lockInterruptibly();
      try {
        if (stopping) {
          // not committed, so Spark runs this batch again after the restart
          throw new InterruptedException("the job is stopping: batch " + batchId + " is left to be replayed");
        }
        List<IncomingRecord> records = collect(batch);
        MicroBatchProcessor.BatchOutcome outcome = processor.process(batchId, records);
        Map<Integer, Long> next = new HashMap<>(progress.nextOffsets());
        for (IncomingRecord r : records) {
          next.merge(r.partition(), r.offset() + 1, Math::max);
        }
        progress = new Progress(progress.batches() + 1, outcome.rowsTotal(), outcome.rejectedTotal(), next);
        if (monitoring != null) {
          monitoring.record(outcome);
          dashboard.record(outcome.report());
        }
        onBatch.accept(outcome);
      } finally {
        inFlight.unlock();
      }
    };
    this.query = kafka.writeStream()
        .queryName("crimestream-" + config.topic())
        .trigger(Trigger.ProcessingTime(config.triggerInterval().toMillis()))
        .option("checkpointLocation", config.checkpointDir().resolve("spark").toString())
        .foreachBatch(eachBatch)
        .start();
  }

  /** Starts the query on {@code spark}; it runs until {@link #stop()} or a failure. */
  public static StreamingJob start(SparkSession spark, JobConfig config, List<MetricsSink> sinks,
                                   Consumer<MicroBatchProcessor.BatchOutcome> onBatch) {
    try {
      return new StreamingJob(spark, config, sinks, onBatch);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the streaming query did not start: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("the HTTP endpoint did not start: " + e.getMessage(), e);
    }
  }

  public Progress progress() {
    return progress;
  }

  /** Where {@code /metrics} is served, if it is. */
  public java.util.Optional<JobMonitoring> monitoring() {
    return java.util.Optional.ofNullable(monitoring);
  }

  public MetricsReport report() {
    return processor.report();
  }

  /** Where the source's lines went, for every report from now on (see {@link MicroBatchProcessor}). */
  public void recordSource(SourceAccount account) {
    processor.recordSource(account);
  }

  public StreamingQuery query() {
    return query;
  }

  /** Blocks until the query ends; rethrows its failure. */
  public void awaitTermination() throws StreamingQueryException {
    query.awaitTermination();
  }

  public void stop() {
    try {
      query.stop();
    } catch (TimeoutException e) {
      throw new IllegalStateException("the streaming query did not stop in time", e);
    }
  }

  /**
   * Stops after the batch in flight, if any, has completed, waiting for it at most {@code grace};
   * past that the batch is interrupted and, not committed, runs again after a restart. No batch
   * starts once this is called.
   *
   * @return whether the batch in flight (if any) completed within the grace period
   */
  public boolean stopGracefully(Duration grace) {
    stopping = true;
    long deadline = System.nanoTime() + grace.toNanos();
    boolean completed = false;
    try {
      completed = inFlight.tryLock(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      stop();
      // the last batch's versions, written in the background, before Spark stops under them
      long left = Math.max(0, deadline - System.nanoTime());
      if (!processor.awaitSaved(Duration.ofNanos(left))) {
        LOG.warn("the last batch's models were not saved within the grace period: a restart serves"
            + " the versions before them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (completed) {
        inFlight.unlock();
      }
    }
    return completed;
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      processor.close();
      if (monitoring != null) {
        monitoring.close();
      }
    }
  }

  private static List<IncomingRecord> collect(Dataset<Row> batch) {
    List<Row> rows = batch.collectAsList();
    List<IncomingRecord> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(new IncomingRecord(r.getString(0), r.getInt(1), r.getLong(2),
          r.isNullAt(3) ? null : (byte[]) r.get(3), r.isNullAt(4) ? null : (byte[]) r.get(4),
          !r.isNullAt(5) && isHistory(r.getList(5))));
    }
    return out;
  }

  private static boolean isHistory(List<Row> headers) {
    for (Row h : headers) {
      if (WireCodec.HISTORY_HEADER.equals(h.getString(0)) && !h.isNullAt(1)
          && java.util.Arrays.equals(WireCodec.HISTORY_HEADER_VALUE, (byte[]) h.get(1))) {
        return true;
      }
    }
    return false;
  }

  private static List<PredictionSink> predictionSinks(JobConfig config, LatestPredictions latest) {
    List<PredictionSink> out = new ArrayList<>();
    if (config.predictionsTopic() != null) {
      out.add(new KafkaPredictionSink(config.kafka(), config.topic(), config.predictionsTopic()));
    }
    if (config.predictionsFile() != null) {
      try {
        out.add(new JsonlPredictionSink(config.predictionsFile()));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot write the predictions file " + config.predictionsFile()
            + ": " + e.getMessage(), e);
      }
    }
    // the dashboard lists what was published, last: a batch whose publishing failed runs again
    // and would list its predictions twice; with --no-predictions nothing is published or listed
    if (latest != null && !out.isEmpty()) {
      out.add(latest);
    }
    return out;
  }

  /** The connection's client properties as Spark's Kafka source takes them: prefixed with kafka. */
  static Map<String, String> kafkaOptions(JobConfig config) {
    Map<String, String> options = new HashMap<>();
    config.kafka().clientProperties().forEach((k, v) -> options.put("kafka." + k, v));
    return options;
  }
}
