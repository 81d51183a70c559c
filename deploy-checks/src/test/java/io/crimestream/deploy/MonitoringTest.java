package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.dependent.DriverPodDependent;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.settings.PipelineSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's PodMonitors (monitoring.podMonitors.enabled): the driver's selects the driver pods
 * the controller really writes, in the namespaces it watches, on the port the NetworkPolicy lets
 * the scraper in on; the controller's selects the controller's pod on its port http. And the
 * alerts and the dashboard ask for metrics that exist.
 */
class MonitoringTest {

  private final Chart.Rendering rendering = Chart.withValues(Chart.ALL_OPTIONS);

  @Test
  void offByDefault() {
    assertThat(Chart.defaults().all(PodMonitor.class)).isEmpty();
  }

  @Test
  void theDriverPodMonitorScrapesTheDriversOfTheWatchedNamespaces() throws Exception {
    ControllerConfig config = ChartRenderingTest.controllerConfig(rendering);
    CrimeStream cs = rendering.one(CrimeStream.class, c -> true);
    cs.getMetadata().setNamespace("crimes-b");
    Map<String, String> driver = DriverPodDependent.pod(cs, PipelineSettings.of(cs, config))
        .getMetadata().getLabels();
    PodMonitor monitor = podMonitor(rendering, "crimes-stack-spark-driver");

    assertThat(monitor.getMetadata().getNamespace()).isEqualTo(Repo.NAMESPACE);
    assertThat(driver.entrySet()).containsAll(monitor.getSpec().getSelector().getMatchLabels()
        .entrySet());
    assertThat(monitor.getSpec().getSelector().getMatchLabels())
        .containsEntry(Labels.COMPONENT, Labels.COMPONENT_DRIVER);
    assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames())
        .containsExactlyInAnyOrderElementsOf(config.watchNamespaces());
    // the alerts and the dashboard name the CrimeStream by this label's copy
    assertThat(monitor.getSpec().getPodTargetLabels()).containsExactly(Labels.INSTANCE);
    assertThat(driver).containsEntry(Labels.INSTANCE, cs.getMetadata().getName());
    assertEndpoint(monitor, NetworkPolicyTest.DRIVER_METRICS_PORT, "15s");
    // the port the driver's NetworkPolicy lets the scraper in on
    NetworkPolicy policy = rendering.one(NetworkPolicy.class, p -> p.getMetadata().getName()
        .equals("crimes-stack-spark-driver") && p.getMetadata().getNamespace().equals("crimes-b"));
    assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> assertThat(rule.getPorts())
        .anySatisfy(p -> assertThat(p.getPort().getStrVal())
            .isEqualTo(NetworkPolicyTest.DRIVER_METRICS_PORT)));
  }

  @Test
  void aControllerWatchingEveryNamespaceHasItsDriversScrapedInEveryNamespace() {
    PodMonitor monitor = podMonitor(Chart.withValues(Chart.ALL_NAMESPACES),
        "crimestream-spark-driver");

    assertThat(monitor.getSpec().getNamespaceSelector().getAny()).isTrue();
    assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames()).isNullOrEmpty();
  }

  @Test
  void theControllerPodMonitorScrapesTheControllersHttpPort() {
    Deployment deployment = rendering.one(Deployment.class, d -> true);
    PodMonitor monitor = podMonitor(rendering, "crimes-stack-controller");

    assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames())
        .containsExactly(Repo.NAMESPACE);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet())
        .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet());
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(monitor.getSpec().getSelector().getMatchLabels());
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
        .anySatisfy(p -> assertThat(p.getName()).isEqualTo(NetworkPolicyTest.CONTROLLER_HTTP_PORT));
    assertEndpoint(monitor, NetworkPolicyTest.CONTROLLER_HTTP_PORT, "15s");
  }

  @Test
  void theExtraLabelsReachThePodMonitorsButDoNotReplaceTheCharts() {
    assertThat(rendering.all(PodMonitor.class)).hasSize(2).allSatisfy(m ->
        assertThat(m.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack")
            .containsEntry("app.kubernetes.io/component", "monitoring"));
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("monitoring.podMonitors.enabled", "true",
            "monitoring.podMonitors.labels.app\\.kubernetes\\.io/component", "x")))
        .hasMessageContaining("monitoring.podMonitors.labels: app.kubernetes.io/component");
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("monitoring.podMonitors.interval", "30 seconds")))
        .hasMessageContaining("interval");
  }

  @Test
  void anEmptyIntervalLeavesItToPrometheus() {
    PodMonitor monitor = podMonitor(Chart.withSets(Map.of("monitoring.podMonitors.enabled",
        "true", "monitoring.podMonitors.interval", "")), "crimestream-controller");

    assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement()
        .satisfies(e -> assertThat(e.getInterval()).isNull());
  }

  /**
   * The metrics the streaming job exports (issue 16's list, in Prometheus's names), the JVM and
   * uptime meters of Micrometer that the alerts and the dashboard use, and JOSDK 5.2's
   * (MicrometerMetrics in a PrometheusMeterRegistry: dots become underscores, counters end in
   * _total, timers in _seconds_{bucket,count,sum,max}).
   */
  static final Set<String> EXPORTED = Set.of(
      "crimestream_records_total", "crimestream_records_rejected_total",
      "crimestream_batches_total", "crimestream_batch_duration_seconds_bucket",
      "crimestream_batch_duration_seconds_sum", "crimestream_batch_duration_seconds_count",
      "crimestream_batch_duration_seconds_max", "crimestream_training_duration_seconds_bucket",
      "crimestream_training_duration_seconds_sum", "crimestream_training_duration_seconds_count",
      "crimestream_training_duration_seconds_max", "crimestream_last_batch_timestamp_seconds",
      "crimestream_training_rows", "crimestream_prequential_auc", "crimestream_heldout_auc",
      "crimestream_champion_info", "crimestream_predictions_published_total",
      "crimestream_drift_detections_total", "crimestream_drift_statistic",
      "crimestream_drift_threshold", "crimestream_consumer_lag_records",
      "jvm_memory_used_bytes", "process_start_time_seconds",
      "operator_sdk_reconciliations_started_total", "operator_sdk_reconciliations_failed_total",
      "operator_sdk_reconciliations_success_total",
      "operator_sdk_controllers_execution_reconcile_seconds_bucket",
      "operator_sdk_controllers_execution_reconcile_seconds_count",
      "operator_sdk_controllers_execution_reconcile_seconds_sum",
      "operator_sdk_controllers_execution_reconcile_seconds_max",
      "operator_sdk_controllers_execution_reconcile_success_total",
      "operator_sdk_controllers_execution_reconcile_failure_total");

  private static final Pattern METRIC = Pattern.compile(
      "\\b(?:crimestream|operator_sdk|jvm|process)_[a-z_]+\\b");

  /** A misspelt metric name makes an alert that never fires and an empty panel: none here. */
  @Test
  void theAlertsAndTheDashboardUseOnlyExportedMetrics() throws Exception {
    List<String> exprs = new ArrayList<>();
    AlertRulesTest.alerts(AlertRulesTest.withDefaultThresholds())
        .forEach(r -> exprs.add(r.getExpr().getStrVal()));
    JsonNode dashboard = GrafanaDashboardTest.dashboard();
    GrafanaDashboardTest.panels(dashboard).forEach(p -> p.path("targets")
        .forEach(t -> exprs.add(t.path("expr").asText())));
    dashboard.path("annotations").path("list").forEach(a -> exprs.add(a.path("expr").asText()));
    dashboard.path("templating").path("list").forEach(v -> exprs.add(v.path("query")
        .path("query").asText()));

    Set<String> used = new TreeSet<>();
    for (String expr : exprs) {
      Matcher m = METRIC.matcher(expr);
      while (m.find()) {
        used.add(m.group());
      }
    }
    assertThat(used).isNotEmpty();
    assertThat(EXPORTED).containsAll(used);
  }

  private static void assertEndpoint(PodMonitor monitor, String port, String interval) {
    assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement()
        .satisfies((PodMetricsEndpoint e) -> {
          assertThat(e.getPort()).isEqualTo(port);
          assertThat(e.getPath()).isEqualTo("/metrics");
          assertThat(e.getInterval()).isEqualTo(interval);
        });
  }

  static PodMonitor podMonitor(Chart.Rendering rendering, String name) {
    return rendering.one(PodMonitor.class, m -> m.getMetadata().getName().equals(name));
  }
}
