package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's PrometheusRule (monitoring.prometheusRule.enabled), checked with Prometheus's own
 * promtool: its groups pass {@code promtool check rules}, and {@code promtool test rules} runs the
 * unit tests under src/test/resources/promtool/, which show every alert firing on the series that
 * should fire it, with its labels and texts, and staying quiet on the others. The unit tests
 * expect the chart's default thresholds, so the rule is rendered with the default values.
 */
class AlertRulesTest {

  /** The unit tests of the alerts: *-test.yaml, each reading crimestream-rules.yaml beside it. */
  static final Path UNIT_TESTS = Repo.path("deploy-checks/src/test/resources/promtool");
  /** The file name the unit tests' rule_files give. */
  static final String RULES_FILE = "crimestream-rules.yaml";

  /** The label the driver PodMonitor copies the CrimeStream's name into. */
  static final String CRIMESTREAM_LABEL = "app_kubernetes_io_instance";

  static Chart.Rendering withDefaultThresholds() {
    return Chart.withSets(Map.of("monitoring.prometheusRule.enabled", "true"));
  }

  static Stream<Chart.Rendering> renderings() {
    return Stream.of(withDefaultThresholds(), Chart.withValues(Chart.ALL_OPTIONS));
  }

  @Test
  void offByDefault() {
    assertThat(Chart.defaults().all(PrometheusRule.class)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void theRulesPassPromtoolCheckRules(Chart.Rendering rendering, @TempDir Path tmp)
      throws Exception {
    Path rules = writeRules(rendering, tmp);

    String out = promtool(tmp, "check", "rules", rules.getFileName().toString());
    assertThat(out).contains("SUCCESS: " + alerts(rendering).size() + " rules found");
  }

  @Test
  void everyAlertFiresOnTheSeriesThatShouldFireItAndStaysQuietOtherwise(@TempDir Path tmp)
      throws Exception {
    writeRules(withDefaultThresholds(), tmp);
    List<String> files = new ArrayList<>();
    for (Path test : unitTests()) {
      Files.copy(test, tmp.resolve(test.getFileName()));
      files.add(test.getFileName().toString());
    }
    List<String> command = new ArrayList<>(List.of("test", "rules"));
    command.addAll(files);

    String out = promtool(tmp, command.toArray(String[]::new));
    assertThat(out).doesNotContain("FAILED");
  }

  /**
   * promtool passes a test of an alert the rules lack (expecting nothing, it finds nothing), and
   * an alert no test names: so every alert must have an evaluation where it fires and one where
   * it stays quiet, and every alert tested must exist.
   */
  @Test
  void theUnitTestsCoverEveryAlertFiringAndQuiet() throws Exception {
    Set<String> alerts = alerts(withDefaultThresholds()).stream().map(Rule::getAlert)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> fired = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (Path file : unitTests()) {
      JsonNode unitTest = Manifests.YAML.readTree(file.toFile());
      assertThat(unitTest.path("rule_files")).as("%s's rule_files", file)
          .containsExactly(Manifests.YAML.getNodeFactory().textNode(RULES_FILE));
      for (JsonNode group : unitTest.path("tests")) {
        for (JsonNode evaluation : group.path("alert_rule_test")) {
          String alert = evaluation.path("alertname").asText();
          assertThat(alerts).as("%s tests %s", file.getFileName(), alert).contains(alert);
          (evaluation.path("exp_alerts").isEmpty() ? quiet : fired).add(alert);
        }
      }
    }
    assertThat(fired).as("alerts some unit test fires").isEqualTo(alerts);
    assertThat(quiet).as("alerts some unit test shows quiet").isEqualTo(alerts);
  }

  @Test
  void everyAlertHasASeverityAndTextsNamingTheCrimeStreamAndItsNamespace() {
    List<Rule> alerts = alerts(withDefaultThresholds());

    assertThat(alerts).extracting(Rule::getAlert).containsExactlyInAnyOrder(
        "CrimeStreamNoMicroBatches", "CrimeStreamChampionAucLow", "CrimeStreamChampionAucFell",
        "CrimeStreamRejectedShareHigh", "CrimeStreamDriftDetected",
        "CrimeStreamControllerReconcileFailures");
    for (Rule alert : alerts) {
      assertThat(alert.getLabels()).as(alert.getAlert()).containsKey("severity");
      assertThat(alert.getAnnotations()).as(alert.getAlert())
          .containsOnlyKeys("summary", "description");
      for (String text : alert.getAnnotations().values()) {
        if (alert.getAlert().equals("CrimeStreamControllerReconcileFailures")) {
          // the controller's series name the CrimeStream when collected per resource
          assertThat(text).as(alert.getAlert()).contains("$labels.name",
              "$labels.exported_namespace", "$labels.namespace");
        } else {
          assertThat(text).as(alert.getAlert()).contains("$labels." + CRIMESTREAM_LABEL,
              "$labels.namespace");
          assertThat(alert.getExpr().getStrVal()).as(alert.getAlert())
              .contains("by (namespace, " + CRIMESTREAM_LABEL);
        }
      }
    }
  }

  @Test
  void theThresholdsComeFromTheValues() {
    Map<String, Rule> alerts = alerts(Chart.withValues(Chart.ALL_OPTIONS)).stream()
        .collect(Collectors.toMap(Rule::getAlert, r -> r));

    // ci/all-options-values.yaml sets other thresholds than the defaults
    assertThat(expr(alerts.get("CrimeStreamNoMicroBatches"))).contains("> 1200");
    assertThat(alerts.get("CrimeStreamNoMicroBatches").getFor()).isEqualTo("10m");
    assertThat(expr(alerts.get("CrimeStreamChampionAucLow"))).endsWith("< 0.65");
    assertThat(alerts.get("CrimeStreamChampionAucLow").getLabels())
        .containsEntry("severity", "critical");
    assertThat(expr(alerts.get("CrimeStreamChampionAucFell"))).contains("[2h:]")
        .endsWith("> 0.1");
    assertThat(expr(alerts.get("CrimeStreamRejectedShareHigh"))).contains("[30m]")
        .endsWith("> 0.2");
    assertThat(expr(alerts.get("CrimeStreamDriftDetected"))).contains("[1h]", "offset 1h");
    assertThat(alerts.get("CrimeStreamDriftDetected").getFor()).isEqualTo("1m");
    assertThat(expr(alerts.get("CrimeStreamControllerReconcileFailures"))).contains("[30m]")
        .endsWith(">= 5");
    assertThat(Chart.withValues(Chart.ALL_OPTIONS).one(PrometheusRule.class, r -> true)
        .getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
  }

  @Test
  void theSchemaRefusesThresholdsPrometheusCannotUse() {
    Map<String, String> refused = Map.of(
        "monitoring.prometheusRule.alerts.championAucLow.floor", "1.5",
        "monitoring.prometheusRule.alerts.rejectedShareHigh.window", "0m",
        "monitoring.prometheusRule.alerts.championAucFell.for", "10 minutes",
        "monitoring.prometheusRule.alerts.noMicroBatches.stallMinutes", "0",
        "monitoring.prometheusRule.alerts.driftDetected.severity", "Very High");
    refused.forEach((key, value) -> assertThatThrownBy(() -> Chart.template("crimestream",
        "crimestream", null, Map.of("monitoring.prometheusRule.enabled", "true", key, value)))
        .as("%s=%s", key, value)
        .hasMessageContaining(key.substring(key.lastIndexOf('.') + 1)));
  }

  private static String expr(Rule rule) {
    return rule.getExpr().getStrVal().strip();
  }

  static List<Rule> alerts(Chart.Rendering rendering) {
    PrometheusRule rule = rendering.one(PrometheusRule.class, r -> true);
    return rule.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream())
        .filter(r -> r.getAlert() != null).toList();
  }

  /** The PrometheusRule's spec, as a Prometheus rules file ({@code groups:}), in {@code dir}. */
  static Path writeRules(Chart.Rendering rendering, Path dir) throws IOException {
    rendering.one(PrometheusRule.class, r -> true); // parsed strictly first
    JsonNode spec = rendering.documents().stream()
        .filter(d -> d.path("kind").asText().equals("PrometheusRule")).findFirst().orElseThrow()
        .path("spec");
    assertThat(spec.fieldNames()).toIterable().containsExactly("groups");
    Path file = dir.resolve(RULES_FILE);
    Files.writeString(file, Manifests.YAML.writeValueAsString((ObjectNode) spec));
    return file;
  }

  static List<Path> unitTests() throws IOException {
    try (Stream<Path> files = Files.list(UNIT_TESTS)) {
      List<Path> tests = files.filter(f -> f.getFileName().toString().endsWith("-test.yaml"))
          .sorted().toList();
      assertThat(tests).as("unit tests under %s", UNIT_TESTS).isNotEmpty();
      return tests;
    }
  }

  /** promtool on the PATH, or the test is skipped saying where to get it. */
  static Path promtoolBinary() {
    Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "")
            .split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "promtool"))
        .filter(Files::isExecutable)
        .findFirst();
    assumeTrue(found.isPresent(), "promtool is not on the PATH: install Debian's prometheus"
        + " package (apt-get install prometheus), which ships /usr/bin/promtool");
    return found.get();
  }

  /** Runs promtool in {@code dir}; its output, or an AssertionError with it on failure. */
  static String promtool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(promtoolBinary().toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).start();
    // the output ends when promtool exits
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("promtool " + String.join(" ", args)
          + " did not finish in 2 minutes");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("promtool " + String.join(" ", args) + " failed (exit "
          + process.exitValue() + ") in " + dir + ":\n" + out);
    }
    return out;
  }
}
