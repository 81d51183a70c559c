package io.crimestream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The objects of a kustomization under k8s/. The kustomizations there only list resources (no
 * patches, generators or transformers), so reading the listed files is exactly what kustomize
 * builds; {@link #kubectl(Path)} runs the real one where kubectl is installed.
 */
final class Kustomization {

  private static final Set<String> KEYS = Set.of("apiVersion", "kind", "resources");

  private Kustomization() {}

  /** The documents the kustomization in {@code dir} builds, by reading its resources. */
  static List<JsonNode> read(Path dir) {
    JsonNode kustomization;
    try {
      kustomization = Manifests.YAML.readTree(dir.resolve("kustomization.yaml").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Iterator<String> keys = kustomization.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!KEYS.contains(key)) {
        throw new AssertionError(dir + "/kustomization.yaml uses " + key + ": keep the"
            + " manifests a plain list of resources (the chart renders them), or teach"
            + " Kustomization.read what " + key + " does");
      }
    }
    List<JsonNode> documents = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      Path path = dir.resolve(resource.asText()).normalize();
      if (Files.isDirectory(path)) {
        documents.addAll(read(path));
      } else {
        documents.addAll(Manifests.documents(Repo.read(path)));
      }
    }
    return documents;
  }

  /** kubectl kustomize DIR, or empty where kubectl is not installed. */
  static Optional<List<JsonNode>> kubectl(Path dir) throws IOException, InterruptedException {
    Path errors = Files.createTempFile("kustomize", ".err");
    Process process;
    try {
      process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
          .redirectError(errors.toFile())
          .start();
    } catch (IOException e) {
      Files.deleteIfExists(errors);
      return Optional.empty(); // no kubectl on this machine
    }
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl kustomize " + dir + " did not finish in 2 minutes");
    }
    String stderr = Files.readString(errors);
    Files.deleteIfExists(errors);
    if (process.exitValue() != 0) {
      throw new AssertionError("kubectl kustomize " + dir + " failed (exit "
          + process.exitValue() + "): " + stderr);
    }
    return Optional.of(Manifests.documents(new String(out, StandardCharsets.UTF_8)));
  }
}
