package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import io.crimestream.controller.ControllerEndpoint;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.Defaults;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.settings.PipelineSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** helm template of the chart: what it renders and that the controller can run with it. */
class ChartRenderingTest {

  static Stream<Chart.Rendering> renderings() {
    return Stream.of(Chart.defaults(), Chart.withValues(Chart.ALL_OPTIONS),
        Chart.withValues(Chart.ALL_NAMESPACES));
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void everyRenderedObjectIsAKnownKindWithKnownFields(Chart.Rendering rendering) {
    // Manifests.strict throws, naming the object and the field, on anything the API lacks
    assertThat(rendering.objects()).isNotEmpty();
  }

  @Test
  void theDefaultsInstallTheCrdAndTheControllerOnly() {
    assertThat(Chart.defaults().documents()).map(d -> d.path("kind").asText())
        .containsExactlyInAnyOrder("CustomResourceDefinition", "ServiceAccount", "ClusterRole",
            "ClusterRoleBinding", "Role", "RoleBinding", "Deployment");
  }

  @Test
  void theChartVersionIsTheMavenProjectVersion() throws Exception {
    JsonNode chart = Manifests.YAML.readTree(Repo.CHART.resolve("Chart.yaml").toFile());
    assertThat(chart.path("appVersion").asText()).isEqualTo(Repo.mavenProperty("projectVersion"));
  }

  @Test
  void theControllerStartsWithTheRenderedEnvironment() {
    ControllerConfig config = controllerConfig(Chart.defaults());
    String version = Repo.mavenProperty("projectVersion");

    assertThat(config.watchNamespaces()).containsExactly(Repo.NAMESPACE);
    assertThat(config.producerImage()).isEqualTo("crimestream/producer:" + version);
    assertThat(config.sparkImage()).isEqualTo("crimestream/streaming-job:" + version);
    assertThat(config.imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(config.serverSideApply()).isTrue();
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.healthPort()).isEqualTo(ControllerConfig.DEFAULT_HEALTH_PORT);
    assertThat(controller(Chart.defaults()).getImage())
        .isEqualTo("crimestream/controller:" + version);
  }

  @Test
  void everyOptionReachesTheController() {
    ControllerConfig config = controllerConfig(Chart.withValues(Chart.ALL_OPTIONS));

    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("crimes-a", "crimes-b");
    assertThat(config.producerImage())
        .isEqualTo("registry.example.com/crimestream/producer:1.2.3");
    assertThat(config.sparkImage())
        .isEqualTo("registry.example.com/spark/crimestream-streaming-job:4.2.0-1.2.3");
    assertThat(config.imagePullPolicy()).isEqualTo("Always");
    assertThat(config.serverSideApply()).isFalse();
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaderElectionNamespace()).isEqualTo(Repo.NAMESPACE);
    assertThat(config.healthPort()).isEqualTo(9090);
    assertThat(config.kafkaNamespaces()).containsExactly("kafka");
    assertThat(config.topicNamespaces()).containsExactly("crimes-a", "crimes-b", "kafka");
    assertThat(config.imagePullSecrets()).containsExactly("registry-credentials",
        "mirror-credentials");

    assertThat(controllerConfig(Chart.withValues(Chart.ALL_NAMESPACES)).watchesAllNamespaces())
        .isTrue();
  }

  /**
   * The three probes ask the controller's health endpoint where it listens: the container port
   * named http (which the controller's PodMonitor scrapes too) is the port the controller reads
   * from the rendered environment.
   */
  @ParameterizedTest
  @MethodSource("renderings")
  void theProbesAskTheControllersHealthPath(Chart.Rendering rendering) {
    ControllerConfig config = controllerConfig(rendering);
    Container controller = controller(rendering);

    assertThat(config.servesHealth()).isTrue();
    assertThat(controller.getPorts()).filteredOn(p -> "http".equals(p.getName()))
        .singleElement().satisfies(p -> {
          assertThat(p.getContainerPort()).isEqualTo(config.healthPort());
          assertThat(p.getProtocol()).isEqualTo("TCP");
        });
    for (Probe probe : List.of(controller.getStartupProbe(), controller.getReadinessProbe(),
        controller.getLivenessProbe())) {
      assertThat(probe).isNotNull();
      assertThat(probe.getHttpGet().getPath()).isEqualTo(ControllerEndpoint.HEALTH_PATH);
      assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }
    // liveness takes over only after startup succeeded: a slow JVM start gets 2 minutes first
    Probe startup = controller.getStartupProbe();
    assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
        .isGreaterThanOrEqualTo(120);
  }

  @Test
  void everyImageIsBuiltFromADockerfileInTheRepository() {
    Deployment deployment = Chart.defaults().one(Deployment.class, d -> true);
    Container controller = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    List<String> images = List.of(controller.getImage(),
        env(controller).get(ControllerConfig.ENV_PRODUCER_IMAGE),
        env(controller).get(ControllerConfig.ENV_SPARK_IMAGE));
    for (String image : images) {
      String name = image.substring(image.lastIndexOf('/') + 1, image.lastIndexOf(':'));
      assertThat(Repo.path(name + "/Dockerfile")).as("the Dockerfile of image %s", image)
          .isRegularFile();
    }
  }

  @Test
  void theExampleIsTheStudysScenarioAndRunsAgainstTheDevelopmentKafka() throws Exception {
    Chart.Rendering rendering = Chart.withSets(Map.of("example.enabled", "true",
        "devKafka.enabled", "true"));
    CrimeStream example = rendering.one(CrimeStream.class, c -> true);
    JsonNode study = Manifests.YAML.readTree(Repo.K8S.resolve("examples/study-one-month.yaml")
        .toFile());

    // the same spec as k8s/examples/study-one-month.yaml, so that the two never tell apart
    assertThat(Manifests.YAML.<JsonNode>valueToTree(example.getSpec()))
        .isEqualTo(Manifests.YAML.valueToTree(Manifests.KUBERNETES.convertValue(study,
            CrimeStream.class).getSpec()));
    assertThat(example.getMetadata().getName()).isEqualTo(study.path("metadata").path("name")
        .asText());

    Kafka kafka = rendering.one(Kafka.class, k -> true);
    example.getMetadata().setNamespace(Repo.NAMESPACE);
    PipelineSettings settings = PipelineSettings.of(example, controllerConfig(rendering));
    assertThat(settings.kafka().cluster()).isEqualTo(kafka.getMetadata().getName());
    // Strimzi's bootstrap Service is <cluster>-kafka-bootstrap in the Kafka's namespace, on the
    // plain listener's port
    assertThat(settings.kafka().namespace()).isEqualTo(Repo.NAMESPACE);
    assertThat(settings.kafka().bootstrapServers()).isEqualTo(kafka.getMetadata().getName()
        + "-kafka-bootstrap." + Repo.NAMESPACE + ".svc:" + plainListener(kafka).getPort());
  }

  @Test
  void anExampleSpecReplacesTheStudyWhole() {
    CrimeStream replay = Chart.withValues(Chart.ALL_OPTIONS).one(CrimeStream.class, c -> true);

    assertThat(replay.getSpec().getMonths()).containsExactly("2016-04", "2016-05");
    assertThat(replay.getSpec().getProducer().getReplay()).isTrue();
    assertThat(replay.getSpec().getProducer().getRowsPerSecond()).isNull();
    assertThat(replay.getSpec().getKafka().getCluster()).isEqualTo("dev-cluster");
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void theDevelopmentKafkaIsOneKraftNodeOnEphemeralStorageWithTheTopicOperator(
      Chart.Rendering rendering) {
    if (rendering.find(Kafka.class).isEmpty()) {
      assertThat(rendering.find(KafkaNodePool.class)).isEmpty();
      return;
    }
    Kafka kafka = rendering.one(Kafka.class, k -> true);
    KafkaNodePool pool = rendering.one(KafkaNodePool.class, p -> true);
    JsonNode kafkaDocument = rendering.documents().stream()
        .filter(d -> d.path("kind").asText().equals("Kafka")).findFirst().orElseThrow();

    assertThat(kafkaDocument.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
    // the v1 API has neither ZooKeeper nor Kafka-level replicas and storage: node pools hold them
    assertThat(kafkaDocument.path("spec").has("zookeeper")).isFalse();
    assertThat(kafkaDocument.path("spec").path("kafka").has("replicas")).isFalse();
    assertThat(kafkaDocument.path("spec").path("kafka").has("storage")).isFalse();
    assertThat(kafka.getMetadata().getAnnotations()).isNullOrEmpty();

    assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster",
        kafka.getMetadata().getName());
    assertThat(pool.getSpec().getReplicas()).isEqualTo(1);
    assertThat(pool.getSpec().getRoles()).containsExactlyInAnyOrder(ProcessRoles.CONTROLLER,
        ProcessRoles.BROKER);
    JsonNode volumes = rendering.documents().stream()
        .filter(d -> d.path("kind").asText().equals("KafkaNodePool")).findFirst().orElseThrow()
        .path("spec").path("storage").path("volumes");
    assertThat(volumes).hasSize(1);
    assertThat(volumes.get(0).path("type").asText()).isEqualTo("ephemeral");
    assertThat(volumes.get(0).path("kraftMetadata").asText()).isEqualTo("shared");

    GenericKafkaListener plain = plainListener(kafka);
    assertThat(plain.getPort()).isEqualTo(Defaults.KAFKA_BOOTSTRAP_PORT);
    assertThat(plain.isTls()).isFalse();
    assertThat(kafka.getSpec().getKafka().getConfig())
        .containsEntry("offsets.topic.replication.factor", 1)
        .containsEntry("default.replication.factor", Defaults.TOPIC_REPLICAS)
        .containsEntry("min.insync.replicas", 1);
    assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
  }

  @Test
  void theNotesSayWhatToApplyNextAndHowToUpgradeTheCrd() {
    String notes = notes(Map.of());
    assertThat(notes)
        .contains("kubectl -n crimestream rollout status deployment/crimestream-controller")
        .contains("kubectl -n crimestream apply -f k8s/examples/study-one-month.yaml")
        .contains("kubectl apply --server-side --force-conflicts -f <chart>/crds/");
    assertThat(Repo.path("k8s/examples/study-one-month.yaml")).isRegularFile();

    assertThat(notes(Map.of("devKafka.enabled", "true", "example.enabled", "true")))
        .contains("kubectl -n crimestream wait kafka/my-cluster --for=condition=Ready")
        .contains("kubectl -n crimestream get crimestream study -w")
        .doesNotContain("k8s/examples");
  }

  @Test
  void thePullSecretsAreTheControllersPodsToo() {
    Deployment deployment = Chart.withValues(Chart.ALL_OPTIONS).one(Deployment.class, d -> true);

    // images.pullSecrets and the controller's own, once each
    assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .containsExactly("registry-credentials", "mirror-credentials");
    assertThat(Chart.defaults().one(Deployment.class, d -> true).getSpec().getTemplate()
        .getSpec().getImagePullSecrets()).isNullOrEmpty();
  }

  @Test
  void kafkaNamespacesAreForAControllerOfSomeNamespaces() {
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("controller.watchAllNamespaces", "true",
            "controller.kafkaNamespaces[0]", "kafka")))
        .hasMessageContaining("controller.kafkaNamespaces");
  }

  @Test
  void renderingFailsWithoutAServiceAccountName() {
    assertThatThrownBy(() -> Chart.template("crimestream", "crimestream", null,
        Map.of("controller.serviceAccount.create", "false")))
        .hasMessageContaining("controller.serviceAccount.name");
  }

  static String notes(Map<String, String> sets) {
    var install = new Helm(Repo.CHART).install().withName(Repo.RELEASE)
        .withNamespace(Repo.NAMESPACE).clientOnly().dryRun();
    for (Map.Entry<String, String> set : sets.entrySet()) {
      install = install.set(set.getKey(), set.getValue());
    }
    String output = install.call().getOutput();
    assertThat(output).contains("NOTES:");
    return output.substring(output.indexOf("NOTES:"));
  }

  static Container controller(Chart.Rendering rendering) {
    Deployment deployment = rendering.one(Deployment.class, d -> true);
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  /** The container's environment as the kubelet gives it (the Downward API's namespace too). */
  static Map<String, String> env(Container container) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValueFrom() != null) {
        assertThat(var.getValueFrom().getFieldRef().getFieldPath()).as(var.getName())
            .isEqualTo("metadata.namespace");
        env.put(var.getName(), Repo.NAMESPACE);
      } else {
        env.put(var.getName(), var.getValue());
      }
    }
    return env;
  }

  /** ControllerConfig.fromEnvironment, as ControllerMain calls it: a bad variable throws. */
  static ControllerConfig controllerConfig(Chart.Rendering rendering) {
    Map<String, String> env = env(controller(rendering));
    assertThat(env.keySet()).allMatch(name -> name.startsWith("CRIMESTREAM_")
        || name.equals(ControllerConfig.ENV_POD_NAMESPACE));
    return ControllerConfig.fromEnvironment(env);
  }

  static GenericKafkaListener plainListener(Kafka kafka) {
    List<GenericKafkaListener> listeners = kafka.getSpec().getKafka().getListeners();
    assertThat(listeners).hasSize(1);
    assertThat(listeners.get(0).getType().toValue()).isEqualTo("internal");
    return listeners.get(0);
  }
}
