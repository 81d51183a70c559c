package io.crimestream.controller.testing;

import io.crimestream.controller.CrimeStreamOperator;
import io.crimestream.controller.config.ControllerConfig;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.Operator;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/**
 * Fabric8's mock API server in CRUD mode with the CrimeStream CRD (the generated one) and,
 * optionally, Strimzi's KafkaTopic CRD; and the controller running against it. The mock server
 * has no server-side apply, so the controller runs with that setting off.
 */
public final class MockCluster implements AutoCloseable {

  public static final String NAMESPACE = "crimes";
  public static final String PRODUCER_IMAGE = "crimestream/producer:test";
  public static final String SPARK_IMAGE = "crimestream/streaming-job:test";
  /** The generated CRD, as the build writes it. */
  public static final Path GENERATED_CRD =
      Path.of("target", "classes", "META-INF", "fabric8", "crimestreams.crimestream.io-v1.yml");

  /** The mock server logs every request through java.util.logging; keep its warnings only. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private Operator operator;

  private MockCluster(boolean strimziInstalled) throws IOException {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    try (InputStream crd = Files.newInputStream(GENERATED_CRD)) {
      client.resource(client.getKubernetesSerialization()
          .unmarshal(crd, CustomResourceDefinition.class)).create();
    }
    if (strimziInstalled) {
      client.resource(strimziTopicCrd()).create();
    }
  }

  public static MockCluster withStrimzi() throws IOException {
    return new MockCluster(true);
  }

  public static MockCluster withoutStrimzi() throws IOException {
    return new MockCluster(false);
  }

  public KubernetesClient client() {
    return client;
  }

  /** The URL the stand-in kubelet gives the pods it runs, as a kubelet gives service accounts. */
  public String url() {
    return client.getConfiguration().getMasterUrl();
  }

  /** No health endpoint: tests that probe one start it themselves, on a free port. */
  public static ControllerConfig controllerConfig() {
    return controllerConfig(Set.of(), List.of());
  }

  /**
   * {@link #controllerConfig()}, also writing KafkaTopics in {@code kafkaNamespaces} and giving
   * its pods {@code imagePullSecrets}.
   */
  public static ControllerConfig controllerConfig(Set<String> kafkaNamespaces,
                                                  List<String> imagePullSecrets) {
    return new ControllerConfig(Set.of(NAMESPACE), PRODUCER_IMAGE, SPARK_IMAGE, "IfNotPresent",
        false, false, null, ControllerConfig.HEALTH_PORT_OFF, kafkaNamespaces, imagePullSecrets);
  }

  /**
   * The controller, registered but not started, for tests that watch it start; {@link #close()}
   * and {@link #stopController()} stop it like a started one.
   */
  public synchronized Operator createController() {
    return createController(controllerConfig());
  }

  public synchronized Operator createController(ControllerConfig config) {
    return createController(config, null);
  }

  /** A controller recording JOSDK's metrics on {@code metrics}, as the real one does. */
  public synchronized Operator createController(ControllerConfig config,
                                                io.micrometer.core.instrument.MeterRegistry metrics) {
    operator = CrimeStreamOperator.create(client, config, metrics);
    return operator;
  }

  /** Starts the controller (again, after {@link #stopController()}: a restart). */
  public synchronized void startController() {
    createController().start();
  }

  /** Starts the controller with {@code config}. */
  public synchronized void startController(ControllerConfig config) {
    createController(config).start();
  }

  public synchronized void stopController() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  /**
   * Shuts the API server down under a running controller: its informers lose their watches, as
   * in a network partition. Only {@link #close()} is of use afterwards.
   */
  public void stopApiServer() {
    server.destroy();
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** A minimal KafkaTopic CRD: what the controller and the stand-in topic operator need. */
  private static CustomResourceDefinition strimziTopicCrd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(KafkaTopic.RESOURCE_PLURAL + "." + KafkaTopic.RESOURCE_GROUP)
        .endMetadata()
        .withNewSpec()
        .withGroup(KafkaTopic.RESOURCE_GROUP)
        .withScope("Namespaced")
        .withNewNames().withKind(KafkaTopic.RESOURCE_KIND).withPlural(KafkaTopic.RESOURCE_PLURAL)
        .withSingular(KafkaTopic.RESOURCE_SINGULAR).endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSubresources().withNewStatus().endStatus().endSubresources()
        .withNewSchema().withNewOpenAPIV3Schema().withType("object")
        .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion()
        .endSpec()
        .build();
  }

  @Override
  public void close() {
    stopController();
    client.close();
    server.destroy();
  }
}
