package io.crimestream.job.sink;

import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics ConfigMap on Kubernetes: key {@value #METRICS_KEY} holds the same document as a
 * local run's {@code metrics.json}, its batch history trimmed so that the ConfigMap stays well
 * under Kubernetes's 1 MiB; key {@value #SUMMARY_KEY} holds the latest per-model summary, which
 * the controller copies into the CrimeStream's status.
 *
 * <p>The controller creates the ConfigMap (owned by the CrimeStream) and the driver's Role allows
 * only {@code get}, {@code update} and {@code patch} on that one name, so every publish is a JSON
 * merge patch of {@code data} that leaves the metadata alone. Without a controller (a manual
 * run), a missing ConfigMap is created if the account may.
 */
public final class ConfigMapMetricsSink implements MetricsSink {

  public static final String METRICS_KEY = "metrics.json";
  public static final String SUMMARY_KEY = "summary.json";
  /** The budget for {@value #METRICS_KEY}: half of what a ConfigMap may hold in all. */
  public static final int MAX_METRICS_BYTES = 512 * 1024;
  /** Trimming never goes below this many batches (the first one and the latest). */
  private static final int MIN_BATCHES = 2;

  private final KubernetesClient client;
  private final boolean ownsClient;
  private final String namespace;
  private final String name;

  /** Connects as the pod's service account (or as Fabric8's usual configuration says). */
  public ConfigMapMetricsSink(String namespace, String name) {
    this(new KubernetesClientBuilder().build(), true, namespace, name);
  }

  /** Publishes through {@code client}, which the caller keeps and closes. */
  public ConfigMapMetricsSink(KubernetesClient client, String namespace, String name) {
    this(client, false, namespace, name);
  }

  private ConfigMapMetricsSink(KubernetesClient client, boolean ownsClient, String namespace,
                               String name) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.namespace = namespace;
    this.name = name;
  }

  @Override
  public void publish(MetricsReport report) throws IOException {
    Map<String, String> data = data(report, MAX_METRICS_BYTES);
    try {
      String patch = client.getKubernetesSerialization().asJson(Map.of("data", data));
      client.configMaps().inNamespace(namespace).withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        create(data);
        return;
      }
      throw new IOException("cannot write metrics to ConfigMap " + namespace + "/" + name + ": "
          + e.getMessage(), e);
    }
  }

  private void create(Map<String, String> data) throws IOException {
    try {
      client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withData(data).build()).create();
    } catch (KubernetesClientException e) {
      throw new IOException("ConfigMap " + namespace + "/" + name + " does not exist and cannot be"
          + " created (" + e.getMessage() + "): on Kubernetes the controller creates it", e);
    }
  }

  /**
   * The ConfigMap's data: the report with as much history as fits in {@code maxMetricsBytes},
   * halving the kept batches until it fits, and its summary.
   */
  static Map<String, String> data(MetricsReport report, int maxMetricsBytes) {
    MetricsReport fitted = report;
    String metrics = MetricsJson.write(fitted, false);
    int keep = report.batches().size();
    while (utf8Length(metrics) > maxMetricsBytes && keep > MIN_BATCHES) {
      keep = Math.max(MIN_BATCHES, keep / 2);
      fitted = report.withHistoryTrimmedTo(keep);
      metrics = MetricsJson.write(fitted, false);
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put(METRICS_KEY, metrics);
    if (report.summary() != null) {
      data.put(SUMMARY_KEY, MetricsJson.write(report.summary(), false));
    }
    return data;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "ConfigMap " + namespace + "/" + name;
  }
}
