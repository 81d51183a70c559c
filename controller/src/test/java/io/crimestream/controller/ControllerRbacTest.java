package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.dependent.SparkRoleDependent;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerRbacTest {

  @Test
  void theDriverMayManagePodsAndWriteOnlyItsMetricsConfigMap() {
    List<PolicyRule> rules = SparkRoleDependent.rules("study-metrics");

    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).getResources()).containsExactly("pods");
    assertThat(rules.get(0).getVerbs()).containsExactlyInAnyOrder("create", "get", "list",
        "watch", "delete", "deletecollection");
    assertThat(rules.get(1).getResources()).containsExactly("configmaps");
    assertThat(rules.get(1).getResourceNames()).containsExactly("study-metrics");
    assertThat(rules.get(1).getVerbs()).containsExactlyInAnyOrder("get", "patch");
  }

  @Test
  void theControllerHoldsEverythingTheDriverRoleGrants() {
    // Kubernetes refuses a Role that grants more than its creator holds
    List<ControllerRbac.ScopedRule> controller = ControllerRbac.rules();
    for (PolicyRule granted : SparkRoleDependent.rules("any-metrics")) {
      for (String resource : granted.getResources()) {
        for (String verb : granted.getVerbs()) {
          assertThat(controller).as("the controller's %s on %s", verb, resource)
              .anySatisfy(r -> {
                assertThat(r.scope()).isEqualTo("namespaced");
                assertThat(r.apiGroups()).containsAll(granted.getApiGroups());
                assertThat(r.resources()).contains(resource);
                assertThat(r.verbs()).contains(verb);
                assertThat(r.resourceNames()).isNullOrEmpty();
              });
        }
      }
    }
  }

  @Test
  void everyResourceTheControllerWritesIsListed() {
    List<String> resources = ControllerRbac.rules().stream()
        .flatMap(r -> r.resources().stream()).toList();

    assertThat(resources).contains("crimestreams", "crimestreams/status", "kafkatopics", "jobs",
        "pods", "services", "serviceaccounts", "configmaps", "persistentvolumeclaims", "roles",
        "rolebindings", "customresourcedefinitions", "leases");
    assertThat(ControllerRbac.rules()).allSatisfy(r -> {
      assertThat(r.verbs()).isNotEmpty().doesNotContain("*");
      assertThat(r.scope()).isIn("namespaced", "kafka-namespaces", "cluster",
          "controller-namespace");
    });
  }
}
