package io.crimestream.controller.testing;

import com.marcnuri.helm.Helm;
import io.crimestream.controller.CrimeStreamOperator;
import io.crimestream.controller.config.ControllerConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local control plane set up as a platform engineer installs CrimeStream: the CRD from
 * {@code helm/crimestream/crds/} applied server-side, the stand-in Strimzi CRDs, the namespaces,
 * and the chart's ServiceAccount, ClusterRole, Roles and bindings as {@code helm template}
 * renders them (the chart's Deployment is not applied: there is no image to run; the controller
 * runs in this JVM instead, authenticated as the chart's ServiceAccount, so that the API server's
 * RBAC decides every call it makes, with server-side apply on as the chart sets it).
 */
public final class RealCluster implements AutoCloseable {

  /** The chart's release and namespace, as k8s/base has them. */
  public static final String RELEASE = "crimestream";
  public static final String CONTROLLER_NAMESPACE = "crimestream";
  /** Where the CrimeStreams run (the namespace the mock-server tests use too). */
  public static final String NAMESPACE = MockCluster.NAMESPACE;
  public static final String PRODUCER_IMAGE = MockCluster.PRODUCER_IMAGE;
  public static final String SPARK_IMAGE = MockCluster.SPARK_IMAGE;

  private final LocalControlPlane controlPlane;
  private final Path projectRoot;
  private final List<HasMetadata> chartRbac;
  private final String controllerServiceAccount;
  private KubernetesClient controllerClient;
  private Operator operator;

  private RealCluster(LocalControlPlane controlPlane, Path projectRoot) throws IOException {
    this.controlPlane = controlPlane;
    this.projectRoot = projectRoot;
    KubernetesClient admin = controlPlane.admin();
    for (String ns : List.of(CONTROLLER_NAMESPACE, NAMESPACE)) {
      admin.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    for (CustomResourceDefinition crd : chartCrds()) {
      applyCrd(crd);
    }
    for (CustomResourceDefinition crd : StandInStrimzi.crds()) {
      applyCrd(crd);
    }
    chartRbac = renderChartRbac();
    for (HasMetadata o : chartRbac) {
      admin.resource(o).forceConflicts().serverSideApply();
    }
    controllerServiceAccount = chartRbac.stream().filter(ServiceAccount.class::isInstance)
        .findFirst().orElseThrow(() -> new IllegalStateException(
            "the chart rendered no ServiceAccount for the controller")).getMetadata().getName();
    // what the ServiceAccount controller and the root CA publisher provide in every namespace
    Await.until("namespace " + NAMESPACE + "'s default ServiceAccount and kube-root-ca.crt",
        Duration.ofMinutes(1), () -> admin.serviceAccounts().inNamespace(NAMESPACE)
            .withName("default").get() != null && admin.configMaps().inNamespace(NAMESPACE)
            .withName("kube-root-ca.crt").get() != null, () -> "not there yet");
  }

  /** Starts the control plane in {@code dir} and installs CrimeStream's CRD and RBAC on it. */
  public static RealCluster start(Path dir) throws IOException {
    Path projectRoot = defaultProjectRoot();
    LocalControlPlane controlPlane = LocalControlPlane.start(projectRoot, dir);
    try {
      return new RealCluster(controlPlane, projectRoot);
    } catch (IOException | RuntimeException e) {
      controlPlane.close();
      throw e;
    }
  }

  public static Path defaultProjectRoot() {
    return Path.of(System.getProperty("crimestream.projectRoot", "..")).toAbsolutePath()
        .normalize();
  }

  public LocalControlPlane controlPlane() {
    return controlPlane;
  }

  public KubernetesClient admin() {
    return controlPlane.admin();
  }

  public Path projectRoot() {
    return projectRoot;
  }

  /** The chart's RBAC objects and ServiceAccount, as applied. */
  public List<HasMetadata> chartRbac() {
    return chartRbac;
  }

  public String controllerServiceAccount() {
    return controllerServiceAccount;
  }

  /**
   * The controller's configuration: the chart's defaults, watching {@link #NAMESPACE}, with
   * server-side apply on (the chart's default) or off ({@code controller.serverSideApply=false}).
   */
  public static ControllerConfig controllerConfig(boolean serverSideApply) {
    return new ControllerConfig(Set.of(NAMESPACE), PRODUCER_IMAGE, SPARK_IMAGE, "IfNotPresent",
        serverSideApply, false, null, ControllerConfig.HEALTH_PORT_OFF);
  }

  /** Starts the controller as the chart's ServiceAccount (again after a stop: a restart). */
  public void startController() {
    startController(true);
  }

  /** Starts the controller as the chart's ServiceAccount, with server-side apply or without. */
  public synchronized void startController(boolean serverSideApply) {
    if (controllerClient == null) {
      controllerClient = controlPlane.clientAs(CONTROLLER_NAMESPACE, controllerServiceAccount);
    }
    operator = CrimeStreamOperator.create(controllerClient, controllerConfig(serverSideApply));
    operator.start();
  }

  public synchronized void stopController() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  /** The CRD as a user applies it: {@code kubectl apply --server-side -f helm/crimestream/crds/}. */
  public void applyCrd(CustomResourceDefinition crd) {
    admin().resource(crd).forceConflicts().serverSideApply();
    Await.until("CRD " + crd.getMetadata().getName() + " established", Duration.ofMinutes(1),
        () -> {
          CustomResourceDefinition c = admin().apiextensions().v1().customResourceDefinitions()
              .withName(crd.getMetadata().getName()).get();
          return c.getStatus() != null && c.getStatus().getConditions().stream()
              .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus()));
        }, () -> Objects.toString(admin().apiextensions().v1().customResourceDefinitions()
            .withName(crd.getMetadata().getName()).get().getStatus()));
  }

  /** The files under helm/crimestream/crds/, parsed. */
  public List<CustomResourceDefinition> chartCrds() throws IOException {
    Path crds = projectRoot.resolve("helm/crimestream/crds");
    try (Stream<Path> files = Files.list(crds)) {
      List<Path> yamls = files.filter(f -> f.toString().endsWith(".yaml")
          || f.toString().endsWith(".yml")).sorted().toList();
      List<CustomResourceDefinition> parsed = new java.util.ArrayList<>();
      for (Path f : yamls) {
        try (InputStream in = Files.newInputStream(f)) {
          parsed.add(admin().getKubernetesSerialization().unmarshal(in,
              CustomResourceDefinition.class));
        }
      }
      return parsed;
    }
  }

  /**
   * {@code helm template} of the chart with the release in {@link #CONTROLLER_NAMESPACE} watching
   * {@link #NAMESPACE}: its ServiceAccount, ClusterRoles, Roles and bindings.
   */
  private List<HasMetadata> renderChartRbac() {
    String yaml = new Helm(projectRoot.resolve("helm/crimestream")).template()
        .withName(RELEASE)
        .withNamespace(CONTROLLER_NAMESPACE)
        .set("controller.watchNamespaces[0]", NAMESPACE)
        .call();
    List<HasMetadata> objects = admin().load(new ByteArrayInputStream(
        yaml.getBytes(StandardCharsets.UTF_8))).items();
    List<HasMetadata> rbac = objects.stream().filter(o -> o instanceof ServiceAccount
        || o instanceof ClusterRole || o instanceof ClusterRoleBinding || o instanceof Role
        || o instanceof RoleBinding).toList();
    if (rbac.stream().noneMatch(Role.class::isInstance)) {
      throw new IllegalStateException("the chart rendered no Role for namespace " + NAMESPACE
          + ": " + yaml);
    }
    return rbac;
  }

  @Override
  public void close() {
    stopController();
    if (controllerClient != null) {
      controllerClient.close();
    }
    controlPlane.close();
  }
}
