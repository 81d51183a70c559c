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
}
