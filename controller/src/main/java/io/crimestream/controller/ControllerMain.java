package io.crimestream.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's entry point: reads {@link ControllerConfig} from the environment, connects
 * with the pod's service account (or the kubeconfig, outside a cluster) and runs until stopped.
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
            + " election {}",
        config.watchesAllNamespaces() ? "all namespaces" : config.watchNamespaces(),
        config.producerImage(), config.sparkImage(), config.serverSideApply(),
        config.leaderElection());
    KubernetesClient client = new KubernetesClientBuilder().build();
    Operator operator = CrimeStreamOperator.create(client, config);
    operator.installShutdownHook(Duration.ofSeconds(30));
    operator.start();
  }
}
