package io.crimestream.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControllerConfigTest {

  private static final Map<String, String> IMAGES = Map.of(
      ControllerConfig.ENV_PRODUCER_IMAGE, "crimestream/producer:0.1.0-SNAPSHOT",
      ControllerConfig.ENV_SPARK_IMAGE, "crimestream/streaming-job:0.1.0-SNAPSHOT");

  @Test
  void defaultsSuitARealCluster() {
    ControllerConfig config = ControllerConfig.fromEnvironment(IMAGES);

    assertThat(config.watchesAllNamespaces()).isTrue();
    assertThat(config.serverSideApply()).isTrue();
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(config.healthPort()).isEqualTo(ControllerConfig.DEFAULT_HEALTH_PORT)
        .isEqualTo(8080);
    assertThat(config.servesHealth()).isTrue();
  }

  @Test
  void readsEverySetting() {
    var env = new java.util.HashMap<>(IMAGES);
    env.put(ControllerConfig.ENV_WATCH_NAMESPACES, "crimes, demo");
    env.put(ControllerConfig.ENV_SERVER_SIDE_APPLY, "false");
    env.put(ControllerConfig.ENV_LEADER_ELECTION, "true");
    env.put(ControllerConfig.ENV_POD_NAMESPACE, "crimestream-system");
    env.put(ControllerConfig.ENV_IMAGE_PULL_POLICY, "Always");
    env.put(ControllerConfig.ENV_HEALTH_PORT, "9090");

    ControllerConfig config = ControllerConfig.fromEnvironment(env);

    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("crimes", "demo");
    assertThat(config.serverSideApply()).isFalse();
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaderElectionNamespace()).isEqualTo("crimestream-system");
    assertThat(config.imagePullPolicy()).isEqualTo("Always");
    assertThat(config.healthPort()).isEqualTo(9090);
  }

  @Test
  void readsTheKafkaNamespacesAndThePullSecrets() {
    var env = new java.util.HashMap<>(IMAGES);
    env.put(ControllerConfig.ENV_WATCH_NAMESPACES, "crimes");
    env.put(ControllerConfig.ENV_KAFKA_NAMESPACES, "kafka, crimes");
    env.put(ControllerConfig.ENV_IMAGE_PULL_SECRET_NAMES, "registry, mirror.credentials");

    ControllerConfig config = ControllerConfig.fromEnvironment(env);

    assertThat(config.kafkaNamespaces()).containsExactlyInAnyOrder("kafka", "crimes");
    assertThat(config.topicNamespaces()).containsExactly("crimes", "kafka");
    assertThat(config.reachesTopicsIn("kafka")).isTrue();
    assertThat(config.reachesTopicsIn("other")).isFalse();
    assertThat(config.imagePullSecrets()).containsExactly("registry", "mirror.credentials");

    env.put(ControllerConfig.ENV_KAFKA_NAMESPACES, "Kafka");
    assertThatThrownBy(() -> ControllerConfig.fromEnvironment(env))
        .hasMessageContaining(ControllerConfig.ENV_KAFKA_NAMESPACES + ": 'Kafka'");
    env.put(ControllerConfig.ENV_KAFKA_NAMESPACES, "");
    env.put(ControllerConfig.ENV_IMAGE_PULL_SECRET_NAMES, "Registry_Creds");
    assertThatThrownBy(() -> ControllerConfig.fromEnvironment(env))
        .hasMessageContaining(ControllerConfig.ENV_IMAGE_PULL_SECRET_NAMES
            + ": 'Registry_Creds'");
  }

  @Test
  void aControllerOfEveryNamespaceReachesKafkaTopicsEverywhereAndTakesNoList() {
    var env = new java.util.HashMap<>(IMAGES);
    assertThat(ControllerConfig.fromEnvironment(env).reachesTopicsIn("anywhere")).isTrue();

    env.put(ControllerConfig.ENV_KAFKA_NAMESPACES, "kafka");
    assertThatThrownBy(() -> ControllerConfig.fromEnvironment(env))
        .hasMessageContaining(ControllerConfig.ENV_KAFKA_NAMESPACES)
        .hasMessageContaining("leave it empty");
  }

  @Test
  void theControllerEndpointCanBeTurnedOff() {
    var env = new java.util.HashMap<>(IMAGES);
    for (String off : List.of("off", " OFF ")) {
      env.put(ControllerConfig.ENV_HEALTH_PORT, off);

      ControllerConfig config = ControllerConfig.fromEnvironment(env);

      assertThat(config.servesHealth()).as(off).isFalse();
      assertThat(config.healthPort()).isEqualTo(ControllerConfig.HEALTH_PORT_OFF);
    }
    env.put(ControllerConfig.ENV_HEALTH_PORT, " ");
    assertThat(ControllerConfig.fromEnvironment(env).healthPort()).as("blank: the default")
        .isEqualTo(ControllerConfig.DEFAULT_HEALTH_PORT);
  }

  @Test
  void theHealthPortIsAPortNumber() {
    var env = new java.util.HashMap<>(IMAGES);
    // 0 would make the server pick a port no probe knows
    for (String wrong : List.of("eighty", "8080.0", "0", "-1", "65536", "99999999999")) {
      env.put(ControllerConfig.ENV_HEALTH_PORT, wrong);
      assertThatThrownBy(() -> ControllerConfig.fromEnvironment(env)).as(wrong)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(ControllerConfig.ENV_HEALTH_PORT + "=" + wrong)
          .hasMessageContaining("1 to 65535");
    }
    env.put(ControllerConfig.ENV_HEALTH_PORT, "65535");
    assertThat(ControllerConfig.fromEnvironment(env).healthPort()).isEqualTo(65535);
    env.put(ControllerConfig.ENV_HEALTH_PORT, "1");
    assertThat(ControllerConfig.fromEnvironment(env).healthPort()).isEqualTo(1);
  }

  @Test
  void namesTheVariableThatIsWrong() {
    assertThatThrownBy(() -> ControllerConfig.fromEnvironment(Map.of()))
        .hasMessageContaining(ControllerConfig.ENV_PRODUCER_IMAGE);
    var env = new java.util.HashMap<>(IMAGES);
    env.put(ControllerConfig.ENV_SERVER_SIDE_APPLY, "yes");
    assertThatThrownBy(() -> ControllerConfig.fromEnvironment(env))
        .hasMessageContaining(ControllerConfig.ENV_SERVER_SIDE_APPLY + "=yes");
    env.put(ControllerConfig.ENV_SERVER_SIDE_APPLY, "true");
    env.put(ControllerConfig.ENV_LEADER_ELECTION, "true");
    assertThatThrownBy(() -> ControllerConfig.fromEnvironment(env))
        .hasMessageContaining(ControllerConfig.ENV_POD_NAMESPACE);
  }
}
