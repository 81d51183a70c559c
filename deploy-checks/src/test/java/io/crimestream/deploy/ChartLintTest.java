package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * helm lint --strict, with the default values and with the values files that turn every option
 * on; and values.schema.json refusing what it should.
 */
class ChartLintTest {

  static Stream<Path> optionFiles() {
    return Stream.of(Chart.ALL_OPTIONS, Chart.ALL_NAMESPACES);
  }

  @Test
  void lintsStrictlyWithTheDefaultValues() {
    assertLintsClean(Repo.CHART);
  }

  /**
   * helm-java's lint takes no values file, so the chart is copied with the option file merged
   * into its values.yaml (Helm's own merge: maps key by key, everything else replaced).
   */
  @ParameterizedTest
  @MethodSource("optionFiles")
  void lintsStrictlyWithEveryOptionOn(Path options, @TempDir Path tmp) throws IOException {
    Path chart = tmp.resolve("crimestream");
    copy(Repo.CHART, chart);
    ObjectNode values = (ObjectNode) Manifests.YAML.readTree(Repo.CHART.resolve("values.yaml")
        .toFile());
    merge(values, Manifests.YAML.readTree(options.toFile()));
    Files.writeString(chart.resolve("values.yaml"), Manifests.YAML.writeValueAsString(values));

    assertLintsClean(chart);
  }

  private static void assertLintsClean(Path chart) {
    LintResult result = new Helm(chart).lint().strict().call();
    assertThat(result.isFailed()).as("helm lint --strict %s: %s", chart, result.getMessages())
        .isFalse();
    // --strict fails on warnings already; INFO (such as "icon is recommended") remains
    assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]")
        || m.contains("[WARNING]"));
  }

  @Test
  void theSchemaRefusesAMisspeltKey() {
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("controller.replica", "2")))
        .hasMessageContaining("replica");
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("devKafka.enable", "true")))
        .hasMessageContaining("enable");
  }

  @Test
  void theSchemaRefusesWrongTypesAndValues() {
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("controller.replicas", "two")))
        .hasMessageContaining("replicas");
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("images.pullPolicy", "Sometimes")))
        .hasMessageContaining("pullPolicy");
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("controller.watchNamespaces[0]", "Not_A_Namespace")))
        .hasMessageContaining("watchNamespaces");
    for (String port : new String[] {"0", "65536", "http"}) {
      assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
          Map.of("controller.healthPort", port)))
          .as(port).hasMessageContaining("healthPort");
    }
  }

  @Test
  void moreThanOneReplicaNeedsLeaderElection() {
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("controller.replicas", "2")))
        .hasMessageContaining("leaderElection");
    assertThat(Chart.template("crimestream", "crimestream", null,
        Map.of("controller.replicas", "2", "controller.leaderElection", "true")))
        .contains("replicas: 2");
  }

  @Test
  void watchingEveryNamespaceAndAListExcludeEachOther() {
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("controller.watchAllNamespaces", "true",
            "controller.watchNamespaces[0]", "crimes")))
        .hasMessageContaining("watchAllNamespaces");
  }

  private static void merge(ObjectNode into, JsonNode from) {
    Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = into.get(field.getKey());
      if (existing != null && existing.isObject() && field.getValue().isObject()) {
        merge((ObjectNode) existing, field.getValue());
      } else {
        into.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
