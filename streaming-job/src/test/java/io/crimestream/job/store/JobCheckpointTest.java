package io.crimestream.job.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.metrics.BatchMetrics;
import io.crimestream.record.CrimeRecord;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobCheckpointTest {

  static CrimeRecord record(long id) {
    return CrimeRecord.builder().id(id).date(LocalDateTime.parse("2016-05-01T10:00:00")).arrest(id % 2 == 0).build();
  }

  static JobState state(long batch) {
    return new JobState(batch, Map.of("invalid_json", batch), 0, batch + 1,
        List.of(new BatchMetrics(batch, 1, batch + 1, 1, 5, "t", Map.of())), Map.of());
  }

  @Test
  void aRerunBatchForgetsItsEarlierAttemptAndKeepsWhatCameBefore(@TempDir Path dir) throws Exception {
    JobCheckpoint c = new JobCheckpoint(dir);
    c.recoverBefore(0);
    c.writeRows(0, List.of(record(1), record(2)));
    c.writeState(state(0));
    c.writeRows(1, List.of(record(3)));
    c.writeState(state(1));
    c.writeRows(2, List.of(record(4))); // batch 2 crashed before its commit...

    JobCheckpoint.Recovered r = new JobCheckpoint(dir).recoverBefore(2); // ...so Spark runs it again
    assertThat(r.rows()).extracting(CrimeRecord::id).containsExactly(1L, 2L, 3L);
    assertThat(r.state()).contains(state(1));

    JobCheckpoint.Recovered again = new JobCheckpoint(dir).recoverBefore(1);
    assertThat(again.rows()).extracting(CrimeRecord::id).containsExactly(1L, 2L);
    assertThat(again.state()).contains(state(0));
  }

  @Test
  void aFreshCheckpointRecoversNothing(@TempDir Path dir) throws Exception {
    JobCheckpoint.Recovered r = new JobCheckpoint(dir).recoverBefore(0);
    assertThat(r.rows()).isEmpty();
    assertThat(r.state()).isEmpty();
  }
}
