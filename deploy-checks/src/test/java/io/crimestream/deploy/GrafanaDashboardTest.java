package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard (monitoring.grafanaDashboard.enabled): dashboards/crimestream.json is a
 * dashboard Grafana can load (every panel queries the data source variable and filters by the
 * namespace and CrimeStream variables), and the chart ships it whole in a ConfigMap labelled for
 * Grafana's sidecar.
 */
class GrafanaDashboardTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String DATASOURCE = "${datasource}";
  /** What every query of a driver metric keeps to: the CrimeStreams picked in the variables. */
  static final String DRIVER_FILTER =
      "namespace=~\"$namespace\", " + AlertRulesTest.CRIMESTREAM_LABEL + "=~\"$crimestream\"";

  static JsonNode dashboard() throws IOException {
    return JSON.readTree(Repo.CHART.resolve("dashboards/crimestream.json").toFile());
  }

  @Test
  void offByDefault() {
    assertThat(Chart.defaults().all(ConfigMap.class)).isEmpty();
  }

  @Test
  void theConfigMapCarriesTheDashboardWholeWithTheSidecarsLabel() throws Exception {
    ConfigMap defaults = Chart.withSets(Map.of("monitoring.grafanaDashboard.enabled", "true"))
        .one(ConfigMap.class, c -> true);

    assertThat(defaults.getMetadata().getNamespace()).isEqualTo(Repo.NAMESPACE);
    // the grafana chart's sidecar default: label grafana_dashboard, value "1"
    assertThat(defaults.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(defaults.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(defaults.getData()).containsOnlyKeys("crimestream.json");
    assertThat(JSON.readTree(defaults.getData().get("crimestream.json"))).isEqualTo(dashboard());

    ConfigMap options = Chart.withValues(Chart.ALL_OPTIONS).one(ConfigMap.class, c -> true);
    assertThat(options.getMetadata().getNamespace()).isEqualTo("monitoring");
    assertThat(options.getMetadata().getLabels()).containsEntry("grafana_dashboard",
        "crimestream");
    assertThat(options.getMetadata().getAnnotations())
        .containsExactly(Map.entry("grafana_folder", "CrimeStream"));
  }

  @Test
  void theDashboardSaysWhatItIsAndIsOfACurrentSchema() throws Exception {
    JsonNode dashboard = dashboard();

    assertThat(dashboard.path("description").asText()).contains("CrimeStream");
    assertThat(dashboard.path("title").asText()).isEqualTo("CrimeStream");
    assertThat(dashboard.path("uid").asText()).isEqualTo("crimestream");
    assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
    assertThat(dashboard.has("id")).as("an id is Grafana's own, given on import").isFalse();
  }

  @Test
  void theVariablesPickTheDataSourceTheNamespacesAndTheCrimeStreams() throws Exception {
    Map<String, JsonNode> variables = new java.util.LinkedHashMap<>();
    dashboard().path("templating").path("list").forEach(v -> variables.put(
        v.path("name").asText(), v));

    assertThat(variables).containsOnlyKeys("datasource", "namespace", "crimestream");
    assertThat(variables.get("datasource").path("type").asText()).isEqualTo("datasource");
    assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");
    for (String name : List.of("namespace", "crimestream")) {
      JsonNode variable = variables.get(name);
      assertThat(variable.path("type").asText()).isEqualTo("query");
      assertThat(variable.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE);
      assertThat(variable.path("includeAll").asBoolean()).isTrue();
      assertThat(variable.path("query").path("query").asText()).startsWith("label_values(");
    }
    assertThat(variables.get("crimestream").path("query").path("query").asText())
        .endsWith(", " + AlertRulesTest.CRIMESTREAM_LABEL + ")")
        .contains("namespace=~\"$namespace\"");
  }

  @Test
  void everyPanelQueriesTheDataSourceVariable() throws Exception {
    List<JsonNode> panels = panels(dashboard());
    Set<Integer> ids = new HashSet<>();

    assertThat(panels).hasSizeGreaterThanOrEqualTo(15);
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(title).isNotBlank();
      assertThat(ids.add(panel.path("id").asInt())).as("%s's id is unique", title).isTrue();
      assertThat(panel.path("gridPos").path("w").asInt()).as(title).isBetween(1, 24);
      if (panel.path("type").asText().equals("row")) {
        continue; // a row holds panels, queries nothing
      }
      assertThat(panel.path("description").asText()).as("%s's description", title)
          .isNotBlank();
      assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(DATASOURCE);
      assertThat(panel.path("targets")).as("%s's queries", title).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).as(title)
            .isEqualTo(DATASOURCE);
        String expr = target.path("expr").asText();
        assertThat(expr).as(title).isNotBlank();
        if (expr.contains("crimestream_") || expr.contains("jvm_")) {
          assertThat(driverSelectors(expr)).as("%s: %s", title, expr)
              .allSatisfy(s -> assertThat(s).contains(DRIVER_FILTER));
        }
      }
    }
  }

  @Test
  void thePanelsShowWhatTheIssueAsksFor() throws Exception {
    List<String> exprs = new ArrayList<>();
    panels(dashboard()).forEach(p -> p.path("targets").forEach(t ->
        exprs.add(t.path("expr").asText())));

    for (String metric : List.of("crimestream_prequential_auc", "crimestream_heldout_auc",
        "crimestream_champion_info", "crimestream_records_total", "crimestream_batches_total",
        "crimestream_batch_duration_seconds_bucket", "crimestream_training_duration_seconds_sum",
        "crimestream_consumer_lag_records", "crimestream_records_rejected_total",
        "crimestream_drift_statistic", "crimestream_drift_threshold",
        "crimestream_drift_detections_total", "operator_sdk_reconciliations_failed_total")) {
      assertThat(exprs).as("a panel of %s", metric).anyMatch(e -> e.contains(metric + "{"));
    }
    assertThat(exprs).anyMatch(e -> e.contains("scope=\"cumulative\""))
        .anyMatch(e -> e.contains("scope=\"batch\""))
        .anyMatch(e -> e.startsWith("histogram_quantile(0.9, ")
            && e.contains("crimestream_batch_duration_seconds_bucket"));
  }

  /** Drift marks: an annotation query on increases of the drift detections. */
  @Test
  void driftDetectionsAreMarkedOnEveryPanel() throws Exception {
    List<JsonNode> drift = new ArrayList<>();
    dashboard().path("annotations").path("list").forEach(a -> {
      if (a.path("expr").asText().contains("crimestream_drift_detections_total")) {
        drift.add(a);
      }
    });

    assertThat(drift).singleElement().satisfies(a -> {
      assertThat(a.path("enable").asBoolean()).isTrue();
      assertThat(a.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE);
      assertThat(a.path("expr").asText()).contains("increase(").contains(DRIVER_FILTER);
      assertThat(a.path("titleFormat").asText()).contains("{{detector}}");
    });
  }

  /**
   * Every query is PromQL Prometheus accepts: promtool check rules parses each one as a recording
   * rule, Grafana's variables replaced by what Grafana puts in their place.
   */
  @Test
  void everyQueryIsValidPromQL(@TempDir Path tmp) throws Exception {
    JsonNode dashboard = dashboard();
    List<String> exprs = new ArrayList<>();
    panels(dashboard).forEach(p -> p.path("targets").forEach(t ->
        exprs.add(t.path("expr").asText())));
    dashboard.path("annotations").path("list").forEach(a -> {
      if (a.has("expr")) {
        exprs.add(a.path("expr").asText());
      }
    });
    // label_values(<series selector>, <label>): the selector is PromQL
    Pattern labelValues = Pattern.compile("^label_values\\((.*), *[a-z_]+\\)$");
    dashboard.path("templating").path("list").forEach(v -> {
      Matcher m = labelValues.matcher(v.path("query").path("query").asText());
      if (m.matches()) {
        exprs.add(m.group(1));
      }
    });

    ObjectNode rules = JSON.createObjectNode();
    ArrayNode list = rules.putArray("groups").addObject().put("name", "dashboard")
        .putArray("rules");
    for (int i = 0; i < exprs.size(); i++) {
      list.addObject().put("record", "dashboard:query_" + i).put("expr", exprs.get(i)
          .replace("$__rate_interval", "2m").replace("$__interval", "1m")
          .replace("$namespace", ".*").replace("$crimestream", ".*"));
    }
    Files.writeString(tmp.resolve("dashboard-queries.yaml"), Manifests.YAML
        .writeValueAsString(rules));

    assertThat(AlertRulesTest.promtool(tmp, "check", "rules", "dashboard-queries.yaml"))
        .contains("SUCCESS: " + exprs.size() + " rules found");
  }

  /** The panels, rows' nested ones included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      out.add(panel);
      panel.path("panels").forEach(out::add);
    }
    return out;
  }

  private static final Pattern SELECTOR = Pattern.compile(
      "\\b((?:crimestream|jvm)_[a-z_]+)(\\{[^}]*})?");

  /** The label selector of each driver metric in an expression ("" where it has none). */
  static List<String> driverSelectors(String expr) {
    List<String> selectors = new ArrayList<>();
    Matcher m = SELECTOR.matcher(expr);
    while (m.find()) {
      selectors.add(m.group(2) == null ? "" : m.group(2));
    }
    return selectors;
  }
}
