package io.crimestream.controller;

import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.dependent.KafkaTopicsDependent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/** Builds the JOSDK operator that runs {@link CrimeStreamReconciler} with a configuration. */
public final class CrimeStreamOperator {

  private CrimeStreamOperator() {}

  /** A registered, not yet started operator on {@code client}; the caller starts and stops it. */
  public static Operator create(KubernetesClient client, ControllerConfig config) {
    return create(client, config, null);
  }

  /**
   * As {@link #create(KubernetesClient, ControllerConfig)}, recording JOSDK's reconciliation
   * metrics on {@code metrics} (if not null) per CrimeStream too: the chart's alert on failed
   * reconciliations names the resource.
   */
  public static Operator create(KubernetesClient client, ControllerConfig config, MeterRegistry metrics) {
    Operator operator = new Operator(o -> {
      if (metrics != null) {
        o.withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(metrics).build());
      }
      o.withKubernetesClient(client)
          // the caller owns the client (tests share one with the mock server)
          .withCloseClientOnStop(false)
          .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply())
          .withUseSSAToPatchPrimaryResource(config.serverSideApply());
      if (config.leaderElection()) {
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
            ControllerConfig.LEASE_NAME, config.leaderElectionNamespace()));
      }
    });
    operator.register(new CrimeStreamReconciler(config), c -> {
      if (!config.watchesAllNamespaces()) {
        c.settingNamespaces(config.watchNamespaces());
      }
      // KafkaTopics also where Kafka clusters of other namespaces watch them
      c.replacingNamedDependentResourceConfig(KafkaTopicsDependent.NAME,
          KafkaTopicsDependent.configuration(config.topicNamespaces()));
    });
    return operator;
  }
}
