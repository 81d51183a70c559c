package io.crimestream.job.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    return new JobState(JobState.FORMAT, batch, Map.of("invalid_json", batch), 0, batch + 1,
        List.of(new BatchMetrics(batch, 1, batch + 1, 1, 5, "t", Map.of())), Map.of(), 0, null, 0, 0, null, null);
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

  /**
   * The recovered rows are read from the files as they are iterated, not held: a restart after
   * millions of rows must not need the heap of all of them. Each iteration reads them again, in
   * the order they were accepted.
   */
  @Test
  void theRecoveredRowsAreReadAsTheyAreIteratedNotHeld(@TempDir Path dir) throws Exception {
    JobCheckpoint c = new JobCheckpoint(dir);
    c.recoverBefore(0);
    c.writeRows(0, List.of(record(1), record(2)));
    c.writeRows(1, List.of(record(3)));
    JobCheckpoint.Recovered r = new JobCheckpoint(dir).recoverBefore(2);
    assertThat(r.rows()).extracting(CrimeRecord::id).containsExactly(1L, 2L, 3L);
    assertThat(r.rows()).extracting(CrimeRecord::id).as("read again").containsExactly(1L, 2L, 3L);
    // a file that goes away after the recovery checked it is read (and missed) only when iterated
    try (var files = java.nio.file.Files.list(dir.resolve("rows"))) {
      for (Path f : files.toList()) {
        java.nio.file.Files.delete(f);
      }
    }
    assertThatThrownBy(() -> r.rows().iterator().hasNext()).isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("unreadable now");
  }

  @Test
  void aFreshCheckpointRecoversNothing(@TempDir Path dir) throws Exception {
    JobCheckpoint.Recovered r = new JobCheckpoint(dir).recoverBefore(0);
    assertThat(r.rows()).isEmpty();
    assertThat(r.state()).isEmpty();
  }

  /** The fixture the last release without a format number wrote (see checkpoints/README.md). */
  static Path format0Fixture(Path into) throws Exception {
    Path source = Path.of(JobCheckpointTest.class.getResource("/checkpoints/format-0/crimestream").toURI());
    Path target = into.resolve("crimestream");
    try (var files = java.nio.file.Files.walk(source)) {
      for (Path p : files.toList()) {
        java.nio.file.Files.copy(p, target.resolve(source.relativize(p).toString()));
      }
    }
    return target;
  }

  @Test
  void readsTheCheckpointTheLastReleaseWroteAndMarksItWithThisFormat(@TempDir Path dir) throws Exception {
    Path checkpoint = format0Fixture(dir);
    JobCheckpoint.Recovered r = new JobCheckpoint(checkpoint).recoverBefore(3);

    assertThat(r.rows()).hasSize(120);
    assertThat(r.rows()).extracting(CrimeRecord::id).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).isBetween(90_000_001L, 90_000_120L));
    assertThat(r.state()).hasValueSatisfying(s -> {
      assertThat(s.format()).as("written before formats were numbered").isZero();
      assertThat(s.lastBatch()).isEqualTo(2);
      assertThat(s.batchesWithRows()).isEqualTo(3);
      assertThat(s.history()).hasSize(3);
      assertThat(s.rowsRejected()).containsEntry("invalid_json", 3L);
      assertThat(s.cumulative()).containsKeys("logistic_regression", "random_forest");
    });
    assertThat(java.nio.file.Files.readString(checkpoint.resolve(JobCheckpoint.MANIFEST)))
        .contains("\"format\":" + JobState.FORMAT);
    // and again, now in this release's format
    assertThat(new JobCheckpoint(checkpoint).recoverBefore(3).rows()).hasSize(120);
  }

  @Test
  void aCheckpointOfANewerFormatIsRefusedWithWhatToDoAndLeftAsItWas(@TempDir Path dir) throws Exception {
    JobCheckpoint c = new JobCheckpoint(dir);
    c.recoverBefore(0);
    c.writeRows(0, List.of(record(1)));
    c.writeState(state(0));
    c.writeRows(1, List.of(record(2)));
    java.nio.file.Files.writeString(dir.resolve(JobCheckpoint.MANIFEST),
        "{\"format\": 99, \"writtenBy\": \"crimestream 9.0.0\"}");

    assertThatThrownBy(() -> new JobCheckpoint(dir).recoverBefore(1))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageContaining("format 99 by crimestream 9.0.0, newer than this release reads (format "
            + JobState.FORMAT)
        .hasMessageContaining("run that release or a newer one on it");
    // nothing was deleted, not even the uncommitted batch 1: the newer release decides
    assertThat(dir.resolve("rows")).isDirectoryContaining("glob:**/batch-000000000001.jsonl");
  }

  @Test
  void aTruncatedStateFileIsAnErrorNamingTheFileNotALossOfRows(@TempDir Path dir) throws Exception {
    Path checkpoint = format0Fixture(dir);
    Path latest = checkpoint.resolve("state").resolve("batch-000000000002.json");
    byte[] whole = java.nio.file.Files.readAllBytes(latest);
    java.nio.file.Files.write(latest, java.util.Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> new JobCheckpoint(checkpoint).recoverBefore(3))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageStartingWith(latest + ": cannot be read as the job's state")
        .hasMessageContaining("restore the file from a backup, or start afresh");
    assertThat(checkpoint.resolve("rows")).isDirectoryContaining("glob:**/batch-000000000002.jsonl");
  }

  @Test
  void aCorruptedRowsFileIsAnErrorNamingTheFileAndLine(@TempDir Path dir) throws Exception {
    Path checkpoint = format0Fixture(dir);
    Path rows = checkpoint.resolve("rows").resolve("batch-000000000001.jsonl");
    List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(rows));
    lines.set(4, lines.get(4).substring(0, 30));
    java.nio.file.Files.write(rows, lines);

    assertThatThrownBy(() -> new JobCheckpoint(checkpoint).recoverBefore(3))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageStartingWith(rows + ":5: a checkpointed row does not decode");
  }
}
