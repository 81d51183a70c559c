package io.crimestream.controller.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.DatasetSource;
import org.junit.jupiter.api.Test;

class DatasetMountTest {

  @Test
  void aUrlIsPassedAsItIs() {
    DatasetSource source = new DatasetSource();
    source.setUrl("https://data.example.org/crimes.csv");

    DatasetMount mount = DatasetMount.of(source);

    assertThat(mount.location()).contains("https://data.example.org/crimes.csv");
    assertThat(mount.volume()).isEmpty();
  }

  @Test
  void aConfigMapKeyBecomesAFileOfTheSameName() {
    DatasetSource source = new DatasetSource();
    DatasetSource.ConfigMapFile file = new DatasetSource.ConfigMapFile();
    file.setName("crimes");
    file.setKey("2016-05.csv");
    source.setConfigMap(file);

    DatasetMount mount = DatasetMount.of(source);

    assertThat(mount.location()).contains("/var/run/crimestream/dataset/2016-05.csv");
    assertThat(mount.volume().orElseThrow().getConfigMap().getName()).isEqualTo("crimes");
  }

  @Test
  void aClaimIsMountedReadOnly() {
    DatasetSource source = new DatasetSource();
    DatasetSource.ClaimFile file = new DatasetSource.ClaimFile();
    file.setClaimName("exports");
    file.setPath("chicago/kaggle.csv");
    source.setPersistentVolumeClaim(file);

    DatasetMount mount = DatasetMount.of(source);

    assertThat(mount.location()).contains("/var/run/crimestream/dataset/chicago/kaggle.csv");
    assertThat(mount.volume().orElseThrow().getPersistentVolumeClaim().getReadOnly()).isTrue();
    assertThat(mount.mount().orElseThrow().getReadOnly()).isTrue();
  }
}
