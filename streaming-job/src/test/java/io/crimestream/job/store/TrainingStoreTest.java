package io.crimestream.job.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.features.EncodedRow;
import io.crimestream.options.TrainingWindow;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

class TrainingStoreTest {

  static EncodedRow row(long id) {
    return new EncodedRow(id, id % 4 == 0, id % 5 == 0,
        new EncodedRow.RateKeys("0486", "BATTERY", "STREET", "1022"), Vectors.dense(id), Vectors.dense(id));
  }

  @Test
  void eachIdIsKeptOnce() {
    TrainingStore s = new TrainingStore(TrainingWindow.parse("all"));
    assertThat(s.add(row(1))).isTrue();
    assertThat(s.add(row(1))).isFalse();
    assertThat(s.uniqueRows()).isEqualTo(1);
  }

  @Test
  void lastNKeepsTheMostRecentRowsAndStillRemembersOldIds() {
    TrainingStore s = new TrainingStore(TrainingWindow.parse("last:10"));
    LongStream.rangeClosed(1, 30).forEach(id -> s.add(row(id)));
    List<EncodedRow> window = new java.util.ArrayList<>(s.trainingRows());
    window.addAll(s.heldOutRows());
    assertThat(window).extracting(EncodedRow::id).containsExactlyInAnyOrder(21L, 22L, 23L, 24L, 25L,
        26L, 27L, 28L, 29L, 30L);
    assertThat(s.heldOutRows()).extracting(EncodedRow::id).containsExactly(25L, 30L);
    assertThat(s.add(row(3))).as("an evicted id is still a duplicate").isFalse();
    assertThat(s.uniqueRows()).isEqualTo(30);
  }

  @Test
  void reservoirKeepsAFixedSizeUniformSample() {
    TrainingStore s = new TrainingStore(TrainingWindow.parse("reservoir:1000"));
    LongStream.rangeClosed(1, 10_000).forEach(id -> s.add(row(id)));
    List<EncodedRow> all = new java.util.ArrayList<>(s.trainingRows());
    all.addAll(s.heldOutRows());
    assertThat(all).hasSize(1000);
    long early = all.stream().filter(r -> r.id() <= 5000).count();
    assertThat(early).as("as many from the first half as from the second").isBetween(420L, 580L);
  }

  private static List<Long> window(TrainingStore s) {
    List<EncodedRow> all = new java.util.ArrayList<>(s.trainingRows());
    all.addAll(s.heldOutRows());
    return all.stream().map(EncodedRow::id).sorted().toList();
  }

  @Test
  void aWindowResetKeepsTheRowsFromTheChangePointOnAndTheIdsOfAll() {
    for (String policy : List.of("all", "last:50")) {
      TrainingStore s = new TrainingStore(TrainingWindow.parse(policy));
      LongStream.rangeClosed(1, 40).forEach(id -> s.add(row(id)));
      assertThat(s.dropBefore(30)).as(policy).isEqualTo(30);
      assertThat(window(s)).as(policy).containsExactlyElementsOf(LongStream.rangeClosed(31, 40).boxed().toList());
      LongStream.rangeClosed(41, 45).forEach(id -> s.add(row(id)));
      assertThat(window(s)).as(policy).hasSize(15).startsWith(31L).endsWith(45L);
      assertThat(s.add(row(2))).as("a dropped row's id is still a duplicate").isFalse();
      assertThat(s.dropBefore(10)).as("a change point before the window's start drops nothing").isZero();
    }
  }

  @Test
  void aReservoirResetKeepsItsSampledRowsFromTheChangePointOn() {
    TrainingStore s = new TrainingStore(TrainingWindow.parse("reservoir:100"));
    LongStream.rangeClosed(1, 1000).forEach(id -> s.add(row(id)));
    long kept = window(s).stream().filter(id -> id > 900).count();
    s.dropBefore(900);
    assertThat(window(s)).hasSize((int) kept).allMatch(id -> id > 900);
    LongStream.rangeClosed(1001, 3000).forEach(id -> s.add(row(id)));
    assertThat(window(s)).hasSize(100).allMatch(id -> id > 900);
  }

  @Test
  void replayingTheRowsWithTheResetsRebuildsTheSameWindow() {
    for (String policy : List.of("all", "last:300", "reservoir:200")) {
      TrainingStore original = new TrainingStore(TrainingWindow.parse(policy));
      for (long id = 1; id <= 2000; id++) {
        original.add(row(id));
        if (id == 700 || id == 1500) {
          original.dropBefore(id - 100);
        }
      }
      TrainingStore replayed = new TrainingStore(TrainingWindow.parse(policy));
      replayed.replay(LongStream.rangeClosed(1, 2000).mapToObj(TrainingStoreTest::row).toList(),
          original.resets());
      assertThat(replayed.trainingRows()).as(policy).extracting(EncodedRow::id)
          .containsExactlyElementsOf(original.trainingRows().stream().map(EncodedRow::id).toList());
      assertThat(replayed.resets()).isEqualTo(original.resets());
    }
  }
}
