package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.dependent.DriverPodDependent;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.settings.PipelineSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.util.Map;
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

  // Whether each metric name the alerts and the dashboard query is exported is checked where the
  // programs run: JobMetersTest scrapes the job's registry, ControllerEndpointTest the controller's
  // endpoint after a real reconciliation (both read the chart's files through ChartQueries).

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
