package io.crimestream.job.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.PrintableText;
import io.crimestream.record.WireCodec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
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
 * micro-batch accepted and the {@link JobState} after it, one file per batch id, and a
 * {@value #MANIFEST} that says which format the files are in.
 *
 * <p>Spark runs a micro-batch again after a failure if its commit was not written. So on the
 * first batch after a start, everything recorded for that batch id or later belongs to an attempt
 * that did not commit: it is deleted, and the state is rebuilt from the earlier batches. That is
 * what makes "every valid row trained exactly once" hold across a kill at any point.
 *
 * <p>Upgrades: a checkpoint of an older format is read and then carries this release's manifest;
 * one of a newer format is refused with what to do, as is a file that is truncated or corrupted:
 * starting over would silently drop every row trained so far.
 */
public final class JobCheckpoint {

  static final String MANIFEST = "checkpoint.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final int STATES_KEPT = 2;

  /** The manifest: which format the checkpoint's files are in, and who wrote them. */
  record Manifest(int format, String writtenBy) {}

  private final Path dir;
  private final Path rowsDir;
  private final Path stateDir;

  public JobCheckpoint(Path dir) {
    this.dir = dir;
    this.rowsDir = dir.resolve("rows");
    this.stateDir = dir.resolve("state");
  }

  /**
   * What an earlier run left, ready to rebuild from. {@code rows} reads the checkpointed files
   * again each time it is iterated, one batch's file at a time: a restart after millions of rows
   * holds one batch in memory, not the whole stream (the soak's restart at 1.3M rows ran out of
   * heap when it held them all).
   */
  public record Recovered(Optional<JobState> state, Iterable<CrimeRecord> rows) {}

  /**
   * Forgets every batch from {@code firstBatch} on and returns what came before: the last state
   * and the accepted rows in the order they were accepted.
   *
   * @throws CheckpointFormatException when the checkpoint is of a newer format, or a file in it
   *     cannot be read; nothing is deleted then
   */
  public Recovered recoverBefore(long firstBatch) throws IOException {
    Files.createDirectories(rowsDir);
    Files.createDirectories(stateDir);
    int format = checkFormat();
    JobState state = null;
    Path stateFile = null;
    for (Path p : list(stateDir)) {
      if (batchOf(p) < firstBatch) {
        stateFile = p; // list() sorts: the last one wins
      }
    }
    if (stateFile != null) {
      state = readState(stateFile);
    }
    List<Path> kept = new ArrayList<>();
    for (Path p : list(rowsDir)) {
      if (batchOf(p) < firstBatch) {
        readRows(p, row -> { }); // every file is checked before anything is deleted
        kept.add(p);
      }
    }
    // only once everything before firstBatch has been read: a refused checkpoint stays as it was
    for (Path p : list(rowsDir)) {
      if (batchOf(p) >= firstBatch) {
        Files.delete(p);
      }
    }
    for (Path p : list(stateDir)) {
      if (batchOf(p) >= firstBatch) {
        Files.delete(p);
      }
    }
    if (format != JobState.FORMAT) {
      writeManifest();
    }
    return new Recovered(Optional.ofNullable(state), rowsOf(List.copyOf(kept)));
  }

  /** The rows of {@code files}, in order, read one file at a time as they are iterated. */
  private static Iterable<CrimeRecord> rowsOf(List<Path> files) {
    return () -> files.stream().flatMap(file -> {
      List<CrimeRecord> rows = new ArrayList<>();
      try {
        readRows(file, rows::add);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(file + ": checked at recovery, unreadable now", e);
      }
      return rows.stream();
    }).iterator();
  }

  /** The format of what is there; a fresh checkpoint gets this release's manifest. */
  private int checkFormat() throws IOException {
    Path manifest = dir.resolve(MANIFEST);
    if (!Files.exists(manifest)) {
      if (list(rowsDir).isEmpty() && list(stateDir).isEmpty()) {
        writeManifest();
        return JobState.FORMAT;
      }
      return 0; // written before checkpoints carried a manifest
    }
    Manifest m;
    try {
      m = JSON.readValue(manifest.toFile(), Manifest.class);
    } catch (JsonProcessingException e) {
      throw new CheckpointFormatException(manifest + ": cannot be read as the checkpoint's manifest"
          + " (truncated or corrupted: " + e.getOriginalMessage() + "). It only names the format:"
          + " if the rest of " + dir + " is intact, write {\"format\": " + JobState.FORMAT + "} into it.", e);
    }
    if (m.format() > JobState.FORMAT) {
      throw new CheckpointFormatException(dir + " was written in checkpoint format " + m.format()
          + " by " + m.writtenBy() + ", newer than this release reads (format " + JobState.FORMAT
          + ", " + writtenBy() + "): run that release or a newer one on it, or start afresh with"
          + " an empty checkpoint directory (the rows trained so far are then trained again only"
          + " if the topic still holds them).");
    }
    return m.format();
  }

  private JobState readState(Path file) throws CheckpointFormatException {
    try {
      return JSON.readValue(file.toFile(), JobState.class);
    } catch (IOException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new CheckpointFormatException(file + ": cannot be read as the job's state after a batch"
          + " (truncated or corrupted: " + PrintableText.escape(why) + "). The job stops rather than"
          + " lose the counts and the metrics history: restore the file from a backup, or start"
          + " afresh with an empty checkpoint directory.", e);
    }
  }

  private static void readRows(Path file, java.util.function.Consumer<CrimeRecord> into) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long line = 0;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        line++;
        if (WireCodec.decode(text.getBytes(StandardCharsets.UTF_8), file + ":" + line)
            instanceof WireCodec.Accepted a) {
          into.accept(a.record());
        } else {
          throw new CheckpointFormatException(file + ":" + line + ": a checkpointed row does not"
              + " decode (the file is truncated or corrupted). The job stops rather than train"
              + " without it: restore the file from a backup, or start afresh with an empty"
              + " checkpoint directory.");
        }
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new CheckpointFormatException(file + ": not UTF-8 text (corrupted). Restore it from a"
          + " backup, or start afresh with an empty checkpoint directory.", e);
    }
  }

  private void writeManifest() throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(MANIFEST + ".tmp");
    JSON.writeValue(tmp.toFile(), new Manifest(JobState.FORMAT, writtenBy()));
    Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static String writtenBy() {
    String v = JobCheckpoint.class.getPackage().getImplementationVersion();
    return "crimestream " + (v == null ? "(development build)" : v);
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
