package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.command.SparkSubmitCommand;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.dependent.DriverPodDependent;
import io.crimestream.controller.dependent.ExecutorPodTemplateDependent;
import io.crimestream.controller.dependent.ProducerJobsDependent;
import io.crimestream.controller.settings.PipelineSettings;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's NetworkPolicies (networkPolicy.enabled): each selects the pods the controller
 * really writes (the labels and ports come from its code, not from this test), and lets in only
 * the peers the values name: the drivers their executors and the metrics scraper, the executors
 * the drivers and one another, the controller the scraper, the producers nobody.
 */
class NetworkPolicyTest {

  /**
   * The driver container's metrics port, by name: the policy and the driver PodMonitor name it,
   * the controller declares it on the driver container (9464, /metrics).
   */
  static final String DRIVER_METRICS_PORT = "metrics";
  /** The controller container's port of /healthz and /metrics (templates/deployment.yaml). */
  static final String CONTROLLER_HTTP_PORT = "http";

  private final Chart.Rendering rendering = Chart.withValues(Chart.ALL_OPTIONS);
  private final ControllerConfig config = ChartRenderingTest.controllerConfig(rendering);
  private final CrimeStream cs = rendering.one(CrimeStream.class, c -> true);
  private final PipelineSettings settings;
  private final Map<String, String> driver;
  private final Map<String, String> executor;
  private final Map<String, String> producer;

  NetworkPolicyTest() throws Exception {
    cs.getMetadata().setNamespace("crimes-a");
    settings = PipelineSettings.of(cs, config);
    driver = DriverPodDependent.pod(cs, settings).getMetadata().getLabels();
    executor = ExecutorPodTemplateDependent.template(cs, settings).getMetadata().getLabels();
    producer = ProducerJobsDependent.job(cs, settings, YearMonth.of(2016, 4)).getSpec()
        .getTemplate().getMetadata().getLabels();
  }

  @Test
  void offByDefault() {
    assertThat(Chart.defaults().all(NetworkPolicy.class)).isEmpty();
  }

  @Test
  void everyWatchedNamespaceGetsTheDriverExecutorAndProducerPolicies() {
    assertThat(rendering.all(NetworkPolicy.class))
        .extracting(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
        .containsExactlyInAnyOrder("crimestream/crimes-stack-controller",
            "crimes-a/crimes-stack-spark-driver", "crimes-a/crimes-stack-spark-executor",
            "crimes-a/crimes-stack-producer", "crimes-b/crimes-stack-spark-driver",
            "crimes-b/crimes-stack-spark-executor", "crimes-b/crimes-stack-producer");
    assertThat(rendering.all(NetworkPolicy.class)).allSatisfy(p ->
        assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress"));
  }

  @Test
  void theDriverAcceptsItsExecutorsOnTheSparkPortsAndTheScraperOnItsMetricsPort() {
    NetworkPolicy policy = policy("crimes-a", "crimes-stack-spark-driver");

    assertThat(selects(policy.getSpec().getPodSelector(), driver)).isTrue();
    assertThat(selects(policy.getSpec().getPodSelector(), executor)).isFalse();
    assertThat(selects(policy.getSpec().getPodSelector(), producer)).isFalse();
    List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).getFrom()).singleElement().satisfies(peer -> {
      assertThat(peer.getNamespaceSelector()).isNull();
      assertThat(selects(peer.getPodSelector(), executor)).isTrue();
      assertThat(selects(peer.getPodSelector(), driver)).isFalse();
    });
    // exactly the Spark ports the driver container declares (its metrics port is the scraper's)
    assertThat(ports(rules.get(0))).isEqualTo(DriverPodDependent.pod(cs, settings).getSpec()
        .getContainers().get(0).getPorts().stream()
        .filter(p -> !DRIVER_METRICS_PORT.equals(p.getName()))
        .map(ContainerPort::getContainerPort).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(SparkSubmitCommand.DRIVER_PORT,
            SparkSubmitCommand.BLOCK_MANAGER_PORT);
    assertScraper(rules.get(1), DRIVER_METRICS_PORT);
  }

  @Test
  void executorsAcceptTheDriverAndEachOtherOnTheBlockManagerPortOnly() {
    NetworkPolicy policy = policy("crimes-b", "crimes-stack-spark-executor");

    assertThat(selects(policy.getSpec().getPodSelector(), executor)).isTrue();
    assertThat(selects(policy.getSpec().getPodSelector(), driver)).isFalse();
    assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getFrom()).hasSize(2)
          .anySatisfy(peer -> assertThat(selects(peer.getPodSelector(), driver)).isTrue())
          .anySatisfy(peer -> assertThat(selects(peer.getPodSelector(), executor)).isTrue())
          .noneSatisfy(peer -> assertThat(selects(peer.getPodSelector(), producer)).isTrue());
      // the port the driver's spark-submit sets for every executor's block manager
      assertThat(DriverPodDependent.pod(cs, settings).getSpec().getContainers().get(0)
          .getArgs()).containsSubsequence("--conf", "spark.blockManager.port="
              + SparkSubmitCommand.BLOCK_MANAGER_PORT);
      assertThat(ports(rule)).containsExactly(SparkSubmitCommand.BLOCK_MANAGER_PORT);
    });
  }

  @Test
  void producersAcceptNothing() {
    NetworkPolicy policy = policy("crimes-a", "crimes-stack-producer");

    assertThat(selects(policy.getSpec().getPodSelector(), producer)).isTrue();
    assertThat(selects(policy.getSpec().getPodSelector(), driver)).isFalse();
    assertThat(policy.getSpec().getIngress()).isEmpty();
  }

  @Test
  void theControllerAcceptsTheScraperOnItsHttpPort() {
    NetworkPolicy policy = policy(Repo.NAMESPACE, "crimes-stack-controller");
    Deployment deployment = rendering.one(Deployment.class, d -> true);
    Map<String, String> controllerPod = deployment.getSpec().getTemplate().getMetadata()
        .getLabels();

    assertThat(selects(policy.getSpec().getPodSelector(), controllerPod)).isTrue();
    assertThat(selects(policy.getSpec().getPodSelector(), driver)).isFalse();
    assertThat(policy.getSpec().getIngress()).singleElement()
        .satisfies(rule -> assertScraper(rule, CONTROLLER_HTTP_PORT));
    // the named port is where the controller listens (controller.healthPort)
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
        .filteredOn(p -> CONTROLLER_HTTP_PORT.equals(p.getName())).singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(config.healthPort()));
  }

  @Test
  void withoutAScraperTheMetricsPortsStayClosed() {
    Chart.Rendering closed = Chart.withSets(Map.of("networkPolicy.enabled", "true"));

    assertThat(closed.one(NetworkPolicy.class, p -> p.getMetadata().getName()
        .endsWith("-controller")).getSpec().getIngress()).isEmpty();
    assertThat(closed.one(NetworkPolicy.class, p -> p.getMetadata().getName()
        .endsWith("-spark-driver")).getSpec().getIngress()).singleElement()
        .satisfies(rule -> assertThat(ports(rule)).containsExactlyInAnyOrder(
            SparkSubmitCommand.DRIVER_PORT, SparkSubmitCommand.BLOCK_MANAGER_PORT));
  }

  @Test
  void everyNamespaceNeedsAListOfNamespaces() throws Exception {
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("networkPolicy.enabled", "true", "controller.watchAllNamespaces", "true")))
        .hasMessageContaining("networkPolicy.namespaces");
    assertThat(Chart.withValues(Chart.ALL_NAMESPACES).all(NetworkPolicy.class))
        .extracting(p -> p.getMetadata().getNamespace()).containsOnly(Repo.NAMESPACE,
            "crimes-x", "crimes-y");
  }

  /**
   * networkPolicy.driverMetricsPort is gone (the policy names the driver's port instead): a
   * values file that still sets it fails, naming it, rather than being ignored.
   */
  @Test
  void theOldDriverMetricsPortValueIsRefused() {
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("networkPolicy.driverMetricsPort", "9090")))
        .hasMessageContaining("driverMetricsPort");
  }

  private void assertScraper(NetworkPolicyIngressRule rule, String namedPort) {
    assertThat(rule.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getProtocol()).isEqualTo("TCP");
      assertThat(p.getPort().getStrVal()).isEqualTo(namedPort);
    });
    NetworkPolicyPeer peer = rule.getFrom().get(0);
    assertThat(rule.getFrom()).hasSize(1);
    assertThat(peer.getNamespaceSelector().getMatchLabels())
        .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
    assertThat(peer.getPodSelector().getMatchExpressions()).singleElement().satisfies(e -> {
      assertThat(e.getKey()).isEqualTo("app.kubernetes.io/name");
      assertThat(e.getValues()).containsExactly("prometheus");
    });
  }

  private NetworkPolicy policy(String namespace, String name) {
    return rendering.one(NetworkPolicy.class, p -> p.getMetadata().getName().equals(name)
        && p.getMetadata().getNamespace().equals(namespace));
  }

  private static Set<Integer> ports(NetworkPolicyIngressRule rule) {
    assertThat(rule.getPorts()).allSatisfy(p -> assertThat(p.getProtocol()).isEqualTo("TCP"));
    assertThat(rule.getPorts()).allSatisfy(p -> assertThat(p.getPort().getIntVal())
        .as("a port number").isNotNull());
    return rule.getPorts().stream().map(NetworkPolicyPort::getPort).map(p -> p.getIntVal())
        .collect(Collectors.toSet());
  }

  /** Whether a selector of matchLabels only (what the chart writes for pods) picks the labels. */
  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    assertThat(selector.getMatchExpressions()).isNullOrEmpty();
    return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
  }
}
