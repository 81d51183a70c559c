package io.crimestream.controller;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The controller's own RBAC needs, from {@value #RESOURCE}: the list the chart's roles are
 * written from and checked against.
 */
public final class ControllerRbac {

  public static final String RESOURCE = "/rbac/controller-rules.yaml";

  /** One rule and where it applies. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ScopedRule(String scope, List<String> apiGroups, List<String> resources,
                           List<String> resourceNames, List<String> verbs) {

    public PolicyRule rule() {
      return new PolicyRuleBuilder().withApiGroups(apiGroups).withResources(resources)
          .withResourceNames(resourceNames).withVerbs(verbs).build();
    }
  }

  private ControllerRbac() {}

  public static List<ScopedRule> rules() {
    try (InputStream in = ControllerRbac.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the controller's jar");
      }
      return Arrays.asList(new KubernetesSerialization().unmarshal(in, ScopedRule[].class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
