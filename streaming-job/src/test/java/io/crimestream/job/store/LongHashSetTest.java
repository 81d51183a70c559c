package io.crimestream.job.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongHashSetTest {

  @Test
  void behavesLikeAHashSetThroughManyGrowths() {
    LongHashSet set = new LongHashSet();
    Set<Long> reference = new HashSet<>();
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      long id = 1 + random.nextInt(150_000);
      assertThat(set.add(id)).isEqualTo(reference.add(id));
    }
    assertThat(set.size()).isEqualTo(reference.size());
    for (long id = 1; id <= 150_000; id++) {
      assertThat(set.contains(id)).isEqualTo(reference.contains(id));
    }
  }
}
