package io.crimestream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * helm template of helm/crimestream, with Helm as a library (helm-java bundles it: no helm binary,
 * no network, no cluster). The chart's crds/ come first, as with {@code helm template
 * --include-crds} (helm-java's template leaves them out).
 */
final class Chart {

  /** The values files that turn options on, beside the chart (chart-testing's ci/ folder). */
  static final Path ALL_OPTIONS = Repo.CHART.resolve("ci/all-options-values.yaml");
  static final Path ALL_NAMESPACES = Repo.CHART.resolve("ci/all-namespaces-values.yaml");

  private static final Map<Rendering.Key, Rendering> CACHE = new ConcurrentHashMap<>();

  private Chart() {}

  /** One helm template run and what it produced. */
  record Rendering(Key key, String yaml, List<JsonNode> documents) {

    record Key(String release, String namespace, Path valuesFile, Map<String, String> sets) {

      @Override
      public String toString() {
        return label();
      }

      /** defaults, the values file's name, or the --set values. */
      String label() {
        if (valuesFile != null) {
          return valuesFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        }
        return sets.isEmpty() ? "defaults" : new java.util.TreeMap<>(sets).entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(java.util.stream.Collectors.joining(",", "set-", ""));
      }
    }

    /** The documents parsed strictly (an unknown kind or field fails). */
    List<HasMetadata> objects() {
      return Manifests.strict(documents);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects().stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, Predicate<T> which) {
      List<T> found = all(type).stream().filter(which).toList();
      if (found.size() != 1) {
        throw new AssertionError("expected one " + type.getSimpleName() + " matching, found "
            + found.size() + " in the rendering with " + key);
      }
      return found.get(0);
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type) {
      return all(type).stream().findFirst();
    }
  }

  /** The chart with its default values, as released under k8s/ (release and namespace). */
  static Rendering defaults() {
    return render(Repo.RELEASE, Repo.NAMESPACE, null, Map.of());
  }

  static Rendering withValues(Path valuesFile) {
    return render(Repo.RELEASE, Repo.NAMESPACE, valuesFile, Map.of());
  }

  static Rendering withSets(Map<String, String> sets) {
    return render(Repo.RELEASE, Repo.NAMESPACE, null, sets);
  }

  static Rendering render(String release, String namespace, Path valuesFile,
                          Map<String, String> sets) {
    Rendering.Key key = new Rendering.Key(release, namespace, valuesFile,
        Map.copyOf(new LinkedHashMap<>(sets)));
    return CACHE.computeIfAbsent(key, k -> {
      String yaml = crds() + template(k.release(), k.namespace(), k.valuesFile(), sets);
      return new Rendering(k, yaml, Manifests.documents(yaml));
    });
  }

  /** The chart's CRDs, as Helm installs them: every file under crds/. */
  static String crds() {
    try (Stream<Path> files = Files.list(Repo.CHART.resolve("crds"))) {
      StringBuilder out = new StringBuilder();
      files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .forEach(f -> out.append("---\n").append(Repo.read(f)).append('\n'));
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** helm template; throws with Helm's message when rendering fails. */
  static String template(String release, String namespace, Path valuesFile,
                         Map<String, String> sets) {
    TemplateCommand command = new Helm(Repo.CHART).template()
        .withName(release)
        .withNamespace(namespace);
    if (valuesFile != null) {
      command = command.withValuesFile(valuesFile);
    }
    for (Map.Entry<String, String> set : sets.entrySet()) {
      command = command.set(set.getKey(), set.getValue());
    }
    return Objects.requireNonNull(command.call(), "helm template returned nothing");
  }
}
