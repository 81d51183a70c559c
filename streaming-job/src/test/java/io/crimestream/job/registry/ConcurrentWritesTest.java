package io.crimestream.job.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A batch's model writes: all run, at the same time, and a failure is reported once all end. */
class ConcurrentWritesTest {

  @Test
  void theWritesRunTogetherAndAllEndBeforeItReturns() throws Exception {
    // each write waits until all three have started: only concurrent writes get past it
    CountDownLatch started = new CountDownLatch(3);
    Set<String> done = ConcurrentHashMap.newKeySet();
    List<ConcurrentWrites.Write> writes = List.of("a", "b", "c").stream().<ConcurrentWrites.Write>map(name -> () -> {
      started.countDown();
      try {
        if (!started.await(30, TimeUnit.SECONDS)) {
          throw new IOException(name + " ran alone");
        }
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      done.add(name);
    }).toList();
    ConcurrentWrites.runAll(writes);
    assertThat(done).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void aFailedWriteIsThrownOnceTheOthersHaveEnded() {
    Set<String> done = ConcurrentHashMap.newKeySet();
    assertThatThrownBy(() -> ConcurrentWrites.runAll(List.of(
        () -> {
          throw new IOException("disk full: models/random_forest/000004");
        },
        () -> done.add("logistic_regression"))))
        .isInstanceOf(IOException.class).hasMessageContaining("random_forest/000004");
    assertThat(done).containsExactly("logistic_regression");
  }
}
