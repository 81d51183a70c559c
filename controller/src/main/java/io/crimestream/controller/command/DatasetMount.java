package io.crimestream.controller.command;

import io.crimestream.controller.api.DatasetSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.Optional;

/**
 * How a producer container reaches the dataset: where the producer's {@code --source} points and,
 * for a file, the read-only volume it lives on.
 *
 * @param location the URL, or the file's path in the container; empty for the city's API
 *                 (the producer's {@code --socrata})
 * @param volume   the volume holding the file, if the source is a file
 */
public record DatasetMount(Optional<String> location, Optional<Volume> volume) {

  public static final String VOLUME_NAME = "dataset";
  /** Where the dataset's volume is mounted in the producer container. */
  public static final String MOUNT_PATH = "/var/run/crimestream/dataset";

  public static DatasetMount of(DatasetSource source) {
    if (source.getUrl() != null) {
      return new DatasetMount(Optional.of(source.getUrl()), Optional.empty());
    }
    if (Boolean.TRUE.equals(source.getCityApi())) {
      return new DatasetMount(Optional.empty(), Optional.empty());
    }
    if (source.getHostPath() != null) {
      // mount the file's folder, not the file: a single-file hostPath mount breaks when the
      // file is replaced, and the folder is what a kind extraMount provides
      String path = source.getHostPath().getPath();
      int slash = path.lastIndexOf('/');
      String dir = slash == 0 ? "/" : path.substring(0, slash);
      Volume volume = new VolumeBuilder().withName(VOLUME_NAME)
          .withNewHostPath().withPath(dir).withType("Directory").endHostPath().build();
      return file(path.substring(slash + 1), volume);
    }
    if (source.getConfigMap() != null) {
      String key = source.getConfigMap().getKey();
      Volume volume = new VolumeBuilder().withName(VOLUME_NAME)
          .withNewConfigMap().withName(source.getConfigMap().getName())
          .addNewItem().withKey(key).withPath(key).endItem().endConfigMap().build();
      return file(key, volume);
    }
    DatasetSource.ClaimFile claim = source.getPersistentVolumeClaim();
    Volume volume = new VolumeBuilder().withName(VOLUME_NAME)
        .withNewPersistentVolumeClaim().withClaimName(claim.getClaimName()).withReadOnly(true)
        .endPersistentVolumeClaim().build();
    return file(claim.getPath(), volume);
  }

  private static DatasetMount file(String relativePath, Volume volume) {
    return new DatasetMount(Optional.of(MOUNT_PATH + "/" + relativePath), Optional.of(volume));
  }

  public Optional<VolumeMount> mount() {
    return volume.map(v -> new VolumeMountBuilder().withName(VOLUME_NAME).withMountPath(MOUNT_PATH)
        .withReadOnly(true).build());
  }
}
