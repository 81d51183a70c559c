package io.crimestream.job.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's background writer: changes applied in the order asked, at most one batch's save
 * in flight, and a failure reported by the next call with nothing applied after it.
 */
class RegistryWriterTest {

  @TempDir
  Path dir;

  @Test
  void changesAreAppliedInTheOrderTheyWereAskedAndAwaitWrittenSeesThemAll() throws Exception {
    List<String> applied = new CopyOnWriteArrayList<>();
    CountDownLatch slowSave = new CountDownLatch(1);
    try (RegistryWriter writer = new RegistryWriter(new ModelRegistry(dir, 5))) {
      writer.submitSave(appendsWhenReleased(slowSave, applied, "save 1"));
      // the prequential figures of version 1, asked while its save is still running
      writer.submit(r -> applied.add("prequential 1"));
      assertThat(applied).isEmpty();
      slowSave.countDown();
      writer.submitSave(r -> applied.add("save 2"));
      writer.awaitWritten();
      assertThat(applied).containsExactly("save 1", "prequential 1", "save 2");
    }
  }

  @Test
  void aSaveWaitsForThePreviousSaveToEnd() throws Exception {
    List<String> applied = new CopyOnWriteArrayList<>();
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    try (RegistryWriter writer = new RegistryWriter(new ModelRegistry(dir, 5))) {
      writer.submitSave(appendsWhenReleased(firstMayEnd, applied, "save 1"));
      AtomicReference<Thread> second = new AtomicReference<>();
      CompletableFuture<Void> asked = CompletableFuture.runAsync(() -> {
        second.set(Thread.currentThread());
        try {
          writer.submitSave(r -> applied.add("save 2"));
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      // the second batch blocks in submitSave while the first save runs
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while ((second.get() == null || second.get().getState() != Thread.State.WAITING)
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(second.get().getState()).isEqualTo(Thread.State.WAITING);
      assertThat(asked).isNotDone();
      assertThat(applied).isEmpty();
      firstMayEnd.countDown();
      asked.get(30, TimeUnit.SECONDS);
      writer.awaitWritten();
      assertThat(applied).containsExactly("save 1", "save 2");
    }
  }

  @Test
  void aFailedChangeIsThrownByTheNextCallAndNothingAfterItIsApplied() throws Exception {
    List<String> applied = new CopyOnWriteArrayList<>();
    CountDownLatch failNow = new CountDownLatch(1);
    RegistryWriter writer = new RegistryWriter(new ModelRegistry(dir, 5));
    writer.submitSave(r -> {
      await(failNow);
      throw new IOException("disk full");
    });
    writer.submit(r -> applied.add("prequential 1")); // queued behind the save that will fail
    failNow.countDown();
    assertThatThrownBy(writer::awaitWritten)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("could not be written (disk full)")
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("registry.json");
    assertThat(applied).as("nothing after the failed save").isEmpty();
    assertThatThrownBy(() -> writer.submit(r -> applied.add("prequential 2"))).hasMessageContaining("disk full");
    assertThatThrownBy(() -> writer.submitSave(r -> applied.add("save 2"))).hasMessageContaining("disk full");
    assertThatThrownBy(writer::close).hasMessageContaining("disk full");
    assertThat(applied).isEmpty();
  }

  /** A change that waits for {@code latch}, then appends {@code name} to {@code applied}. */
  private static RegistryWriter.Change appendsWhenReleased(CountDownLatch latch, List<String> applied, String name) {
    return r -> {
      await(latch);
      applied.add(name);
    };
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IOException("the test never released the latch");
      }
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }
}
