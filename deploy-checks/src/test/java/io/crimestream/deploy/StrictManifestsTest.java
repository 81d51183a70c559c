package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict reading the other tests rely on catches what the API server would refuse. */
class StrictManifestsTest {

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: d
      spec:
        replicas: 1
        selector:
          matchLabels: {app: d}
        template:
          metadata:
            labels: {app: d}
          spec:
            containers:
              - name: c
                image: i
                resources:
                  requests: {cpu: 100m, memory: 1}
      """;

  @Test
  void readsAValidObjectIntoItsType() {
    assertThat(Manifests.strict(Manifests.documents(DEPLOYMENT).get(0)))
        .isInstanceOf(Deployment.class);
  }

  @Test
  void refusesAMisspeltField() {
    assertThatThrownBy(() -> strict(DEPLOYMENT.replace("replicas: 1", "replica: 1")))
        .hasMessageContaining("spec.replica: no such field");
    assertThatThrownBy(() -> strict(DEPLOYMENT.replace("image: i", "image: i\n"
        + "          readOnlyRootFilesystem: true")))
        .hasMessageContaining("readOnlyRootFilesystem: no such field");
  }

  @Test
  void refusesAValueOfTheWrongType() {
    assertThatThrownBy(() -> strict(DEPLOYMENT.replace("replicas: 1", "replicas: \"1\"")))
        .hasMessageContaining("spec.replicas");
    assertThatThrownBy(() -> strict(DEPLOYMENT.replace("replicas: 1", "replicas: [1]")))
        .hasMessageContaining("spec.replicas");
  }

  @Test
  void refusesAnUnknownKindOrVersion() {
    assertThatThrownBy(() -> strict(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet")))
        .hasMessageContaining("no such kind");
    assertThatThrownBy(() -> strict(DEPLOYMENT.replace("apps/v1", "apps/v1beta9")))
        .hasMessageContaining("no such kind");
  }

  @Test
  void readsStrimziAndCrimeStreamObjectsStrictlyToo() {
    String kafka = """
        apiVersion: kafka.strimzi.io/v1
        kind: Kafka
        metadata:
          name: k
        spec:
          kafka:
            listeners:
              - {name: plain, port: 9092, type: internal, tls: false}
          entityOperator:
            topicOperator: {}
        """;
    assertThat(strictKind(kafka)).isEqualTo("Kafka");
    assertThatThrownBy(() -> strict(kafka.replace("topicOperator", "topicOperater")))
        .hasMessageContaining("topicOperater: no such field");

    String crimeStream = """
        apiVersion: crimestream.io/v1alpha1
        kind: CrimeStream
        metadata:
          name: s
        spec:
          months: ["2016-05"]
          source: {cityApi: true}
          kafka: {cluster: my-cluster}
        """;
    assertThat(strictKind(crimeStream)).isEqualTo("CrimeStream");
    assertThatThrownBy(() -> strict(crimeStream.replace("months", "month")))
        .hasMessageContaining("spec.month: no such field");
  }

  @Test
  void readsThePrometheusOperatorsObjectsStrictlyToo() {
    String podMonitor = """
        apiVersion: monitoring.coreos.com/v1
        kind: PodMonitor
        metadata:
          name: p
        spec:
          selector:
            matchLabels: {app: d}
          podTargetLabels: [app.kubernetes.io/instance]
          podMetricsEndpoints:
            - {port: metrics, path: /metrics, interval: 30s}
        """;
    assertThat(strictKind(podMonitor)).isEqualTo("PodMonitor");
    assertThatThrownBy(() -> strict(podMonitor.replace("podTargetLabels", "targetLabels")))
        .hasMessageContaining("spec.targetLabels: no such field");
    assertThatThrownBy(() -> strict(podMonitor.replace("port: metrics", "ports: metrics")))
        .hasMessageContaining("spec.podMetricsEndpoints[0].ports: no such field");

    String rule = """
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata:
          name: r
        spec:
          groups:
            - name: g
              rules:
                - alert: A
                  expr: up == 0
                  for: 5m
                  labels: {severity: warning}
                  annotations: {summary: down}
        """;
    assertThat(strictKind(rule)).isEqualTo("PrometheusRule");
    assertThatThrownBy(() -> strict(rule.replace("for: 5m", "during: 5m")))
        .hasMessageContaining("spec.groups[0].rules[0].during: no such field");
    assertThatThrownBy(() -> strict(rule.replace("labels: {severity: warning}",
        "labels: {severity: [warning]}")))
        .hasMessageContaining("spec.groups[0].rules[0].labels.severity");
  }

  private static Object strict(String yaml) {
    return Manifests.strict(Manifests.documents(yaml).get(0));
  }

  private static String strictKind(String yaml) {
    return Manifests.strict(Manifests.documents(yaml).get(0)).getKind();
  }
}
