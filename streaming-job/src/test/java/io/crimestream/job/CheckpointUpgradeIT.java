package io.crimestream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.job.store.CheckpointFixtures;
import io.crimestream.job.store.JobCheckpointTestAccess;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job of this release resumes a stream from the checkpoint the previous release left (the
 * generated fixture under {@code src/test/resources/checkpoints/format-0}): the rows, counts and
 * metrics history carry on as if the same release had written them.
 */
class CheckpointUpgradeIT {

  @Test
  void resumesTheStreamFromTheCheckpointThePreviousReleaseWrote(@TempDir Path dir) throws Exception {
    Path checkpoint = JobCheckpointTestAccess.format0Fixture(dir);
    List<CrimeRecord> more = CheckpointFixtures.synthetic(90_000_201L, 40,
        LocalDateTime.of(2016, 5, 9, 0, 5), 11);
    List<IncomingRecord> batch = new ArrayList<>();
    long offset = 123;
    for (CrimeRecord r : more) {
      batch.add(new IncomingRecord("crimenes", 0, offset++, WireCodec.key(r).getBytes(StandardCharsets.UTF_8),
          WireCodec.encode(r)));
    }
    try (MicroBatchProcessor processor = MicroBatchProcessor.builder(SparkSessions.getOrCreate("upgrade"),
        LearningConfig.defaults(), checkpoint).topic("crimenes").build()) {
      BatchMetrics b = processor.process(3, batch).metrics();
      assertThat(b.rowsInBatch()).isEqualTo(40);
      assertThat(b.rowsTotal()).as("the 120 rows of the earlier release, then these").isEqualTo(160);
      // the models were retrained on the checkpointed rows before scoring the new ones
      assertThat(b.models().get("logistic_regression").prequential()).isNotNull();
      MetricsReport report = processor.report();
      assertThat(report.batches()).extracting(BatchMetrics::batch).containsExactly(0L, 1L, 2L, 3L);
      assertThat(report.rowsRejected()).containsEntry("invalid_json", 3L);
      assertThat(report.batches().get(3).models().get("logistic_regression").prequentialCumulative().rows())
          .as("pooled over the earlier release's batches and this one").isEqualTo(
              report.batches().get(2).models().get("logistic_regression").prequentialCumulative().rows() + 40);
    }
  }
}
