package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  }

  @Test
  void readsEverySetting() {
    var env = new java.util.HashMap<>(IMAGES);
    env.put(ControllerConfig.ENV_WATCH_NAMESPACES, "crimes, demo");
    env.put(ControllerConfig.ENV_SERVER_SIDE_APPLY, "false");
    env.put(ControllerConfig.ENV_LEADER_ELECTION, "true");
    env.put(ControllerConfig.ENV_POD_NAMESPACE, "crimestream-system");
    env.put(ControllerConfig.ENV_IMAGE_PULL_POLICY, "Always");

    ControllerConfig config = ControllerConfig.fromEnvironment(env);

    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("crimes", "demo");
    assertThat(config.serverSideApply()).isFalse();
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaderElectionNamespace()).isEqualTo("crimestream-system");
    assertThat(config.imagePullPolicy()).isEqualTo("Always");
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
