package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.settings.PipelineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain manifests under k8s/ are what the chart renders: k8s/base with the default values,
 * k8s/overlays/kind with the development Kafka on. Their generated files are rewritten from the
 * chart with {@code ./mvnw -pl deploy-checks verify -Dcrimestream.updateManifests=true}.
 */
class ManifestsTest {

  private static final boolean UPDATE = Boolean.getBoolean("crimestream.updateManifests");

  /** Labels that say Helm manages an object: not true of what kubectl applies. */
  private static final Set<String> HELM_LABELS = Set.of("helm.sh/chart",
      "app.kubernetes.io/managed-by");

  /**
   * A kustomization and the chart rendering it must equal; {@code generated} is the file under
   * it that holds what its other resources do not (rewritten in update mode).
   */
  record Variant(String dir, Map<String, String> sets, String generated, String values) {
    @Override
    public String toString() {
      return dir;
    }
  }

  static Stream<Variant> variants() {
    return Stream.of(
        new Variant("k8s/base", Map.of(), "controller.yaml", "its default values"),
        new Variant("k8s/overlays/kind", Map.of("devKafka.enabled", "true"), "dev-kafka.yaml",
            "devKafka.enabled=true"));
  }

  @ParameterizedTest
  @MethodSource("variants")
  void theManifestsAreWhatTheChartRenders(Variant variant) throws Exception {
    Path dir = Repo.path(variant.dir());
    Map<String, JsonNode> chart = byId(withoutHelmLabels(
        Chart.withSets(variant.sets()).documents()));
    if (UPDATE) {
      write(dir, variant, chart);
    }

    Map<String, JsonNode> manifests = byId(Kustomization.read(dir));
    assertThat(manifests.keySet()).as("objects of %s (left) and of the chart (right)", dir)
        .containsExactlyInAnyOrderElementsOf(chart.keySet());
    for (String id : chart.keySet()) {
      assertThat(Manifests.sameContent(manifests.get(id), chart.get(id))).as("%s in %s differs"
          + " from the chart's; regenerate it with ./mvnw -pl deploy-checks verify"
          + " -Dcrimestream.updateManifests=true\n%s\n---- the chart's:\n%s", id, dir,
          manifests.get(id), chart.get(id)).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void kubectlKustomizeBuildsTheSameObjects(Variant variant) throws Exception {
    Path dir = Repo.path(variant.dir());
    Optional<List<JsonNode>> built = Kustomization.kubectl(dir);
    assumeTrue(built.isPresent(), "kubectl is not installed");

    Map<String, JsonNode> kubectl = byId(built.get());
    Map<String, JsonNode> read = byId(Kustomization.read(dir));
    assertThat(kubectl.keySet()).containsExactlyInAnyOrderElementsOf(read.keySet());
    kubectl.forEach((id, object) -> assertThat(Manifests.sameContent(object, read.get(id)))
        .as("%s as kubectl kustomize builds it:\n%s", id, object).isTrue());
    Manifests.strict(built.get());
  }

  @Test
  void theExamplesRunOnTheChartsDevelopmentKafkaAndTheKindMount() throws Exception {
    String cluster = Chart.withSets(Map.of("devKafka.enabled", "true"))
        .one(io.strimzi.api.kafka.model.kafka.Kafka.class, k -> true).getMetadata().getName();
    List<Path> examples;
    try (Stream<Path> files = Files.list(Repo.K8S.resolve("examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      List<JsonNode> documents = Manifests.documents(Repo.read(example));
      assertThat(documents).as("%s", example).hasSize(1);
      CrimeStream cs = (CrimeStream) Manifests.strict(documents.get(0));
      assertThat(cs.getMetadata().getNamespace()).as("%s applies to the namespace given on the"
          + " command line", example).isNull();
      cs.getMetadata().setNamespace(Repo.NAMESPACE);
      PipelineSettings settings = PipelineSettings.of(cs,
          ChartRenderingTest.controllerConfig(Chart.defaults()));
      assertThat(settings.kafka().cluster()).as("%s's Kafka cluster", example).isEqualTo(cluster);
      if (cs.getSpec().getSource().getHostPath() != null) {
        assertThat(cs.getSpec().getSource().getHostPath().getPath()).as("%s", example)
            .startsWith(KindE2eTest.DATA_MOUNT + "/");
      }
    }
  }

  private static List<JsonNode> withoutHelmLabels(List<JsonNode> documents) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode document : documents) {
      ObjectNode copy = Manifests.copy(document);
      JsonNode labels = copy.path("metadata").path("labels");
      if (labels instanceof ObjectNode l) {
        HELM_LABELS.forEach(l::remove);
      }
      out.add(copy);
    }
    return out;
  }

  private static Map<String, JsonNode> byId(List<JsonNode> documents) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode document : documents) {
      JsonNode previous = byId.put(Manifests.id(document), document);
      assertThat(previous).as("%s twice", Manifests.id(document)).isNull();
    }
    return byId;
  }

  /** Update mode: the chart's objects that the kustomization's other resources lack. */
  private static void write(Path dir, Variant variant, Map<String, JsonNode> chart)
      throws IOException {
    Path file = dir.resolve(variant.generated());
    Files.deleteIfExists(file);
    Files.writeString(file, ""); // so that reading the kustomization finds it
    Map<String, JsonNode> others = byId(Kustomization.read(dir));
    List<JsonNode> missing = new ArrayList<>();
    chart.forEach((id, document) -> {
      if (!others.containsKey(id)) {
        missing.add(document);
      }
    });
    String header = """
        # Generated from helm/crimestream by deploy-checks' ManifestsTest: do not edit. It is the
        # chart rendered with %s (release and namespace %s), less what the
        # kustomization's other resources hold. Regenerate it after changing the chart:
        #   ./mvnw -pl deploy-checks verify -Dcrimestream.updateManifests=true
        """.formatted(variant.values(), Repo.NAMESPACE);
    Files.writeString(file, header + Manifests.toYaml(missing));
  }
}
