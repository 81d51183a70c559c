package io.crimestream.controller;

import io.crimestream.controller.config.ControllerConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's entry point: reads {@link ControllerConfig} from the environment, connects
 * with the pod's service account (or the kubeconfig, outside a cluster), serves its
 * {@link ControllerEndpoint} for the kubelet's probes and Prometheus, and runs until stopped.
 */
public final class ControllerMain {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerMain.class);

  private ControllerMain() {}

  public static void main(String[] args) {
    ControllerConfig config;
    try {
      config = ControllerConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("crimestream-controller: " + e.getMessage());
      System.exit(2);
      return;
    }
    LOG.info("watching {}; producer image {}, Spark image {}; server-side apply {}; leader"
            + " election {}; health endpoint {}",
        config.watchesAllNamespaces() ? "all namespaces" : config.watchNamespaces(),
        config.producerImage(), config.sparkImage(), config.serverSideApply(),
        config.leaderElection(),
        config.servesHealth() ? "on port " + config.healthPort() : "off");
    KubernetesClient client = new KubernetesClientBuilder().build();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // the JVM's figures, and process_start_time_seconds, which the chart's alerts read
    List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ProcessorMetrics(),
        new UptimeMetrics()).forEach(binder -> binder.bindTo(metrics));
    Operator operator = CrimeStreamOperator.create(client, config, metrics);
    if (config.servesHealth()) {
      // Before operator.start(), which returns only once every informer has synced: meanwhile the
      // startup probe gets 503 (not started) instead of a refused connection. Never closed: the
      // endpoint goes with the JVM (its threads are daemons), and while the shutdown hook stops
      // the operator it answers 503, not a refused connection.
      try {
        ControllerEndpoint.start(operator, config.healthPort(), metrics);
      } catch (IOException e) {
        System.err.println("crimestream-controller: cannot listen on health port "
            + config.healthPort() + ": " + (e.getMessage() != null ? e.getMessage() : e));
        System.exit(2);
        return;
      }
    }
    operator.installShutdownHook(Duration.ofSeconds(30));
    operator.start();
  }
}
