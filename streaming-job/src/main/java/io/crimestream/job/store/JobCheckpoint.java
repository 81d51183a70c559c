package io.crimestream.job.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.WireCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The job's own part of the streaming checkpoint, beside Spark's offsets: the rows each
 * micro-batch accepted and the {@link JobState} after it, one file per batch id.
 *
 * <p>Spark runs a micro-batch again after a failure if its commit was not written. So on the
 * first batch after a start, everything recorded for that batch id or later belongs to an attempt
 * that did not commit: it is deleted, and the state is rebuilt from the earlier batches. That is
 * what makes "every valid row trained exactly once" hold across a kill at any point.
 */
public final class JobCheckpoint {

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final int STATES_KEPT = 2;

  private final Path rowsDir;
  private final Path stateDir;

  public JobCheckpoint(Path dir) {
    this.rowsDir = dir.resolve("rows");
    this.stateDir = dir.resolve("state");
  }

  /** What an earlier run left, ready to rebuild from. */
  public record Recovered(Optional<JobState> state, List<CrimeRecord> rows) {}

  /**
   * Forgets every batch from {@code firstBatch} on and returns what came before: the last state
   * and the accepted rows in the order they were accepted.
   */
  public Recovered recoverBefore(long firstBatch) throws IOException {
    Files.createDirectories(rowsDir);
    Files.createDirectories(stateDir);
    for (Path p : list(rowsDir)) {
      if (batchOf(p) >= firstBatch) {
        Files.delete(p);
      }
    }
    JobState state = null;
    for (Path p : list(stateDir)) {
      if (batchOf(p) >= firstBatch) {
        Files.delete(p);
      } else {
        state = JSON.readValue(p.toFile(), JobState.class); // list() sorts: the last one wins
      }
    }
    List<CrimeRecord> rows = new ArrayList<>();
    for (Path p : list(rowsDir)) {
      try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
        lines.forEach(line -> {
          if (WireCodec.decode(line.getBytes(StandardCharsets.UTF_8), p.toString())
              instanceof WireCodec.Accepted a) {
            rows.add(a.record());
          } else {
            throw new UncheckedIOException(new IOException(p + ": a checkpointed row no longer decodes"));
          }
        });
      }
    }
    return new Recovered(Optional.ofNullable(state), rows);
  }

  /** Records the rows batch {@code batch} accepted, before anything depends on them. */
  public void writeRows(long batch, List<CrimeRecord> accepted) throws IOException {
    if (accepted.isEmpty()) {
      return;
    }
    Path tmp = rowsDir.resolve(name(batch) + ".jsonl.tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      for (CrimeRecord r : accepted) {
        out.write(WireCodec.encode(r));
        out.write('\n');
      }
    }
    Files.move(tmp, rowsDir.resolve(name(batch) + ".jsonl"), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Records the state after batch {@code state.lastBatch()} and drops older states. */
  public void writeState(JobState state) throws IOException {
    Path tmp = stateDir.resolve(name(state.lastBatch()) + ".json.tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      JSON.writeValue(w, state);
    }
    Files.move(tmp, stateDir.resolve(name(state.lastBatch()) + ".json"), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    List<Path> states = list(stateDir);
    for (int i = 0; i < states.size() - STATES_KEPT; i++) {
      Files.delete(states.get(i));
    }
  }

  private static String name(long batch) {
    return String.format("batch-%012d", batch);
  }

  /** Finished files of a directory (no temporaries), in batch order. */
  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("batch-"))
          .filter(p -> !p.getFileName().toString().endsWith(".tmp"))
          .sorted()
          .toList();
    }
  }

  private static long batchOf(Path p) {
    String n = p.getFileName().toString();
    return Long.parseLong(n.substring("batch-".length(), n.indexOf('.')));
  }
}
