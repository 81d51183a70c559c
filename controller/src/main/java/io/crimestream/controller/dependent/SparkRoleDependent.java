package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.command.SparkSubmitCommand;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.settings.ContextSettings;
import io.crimestream.controller.settings.PipelineSettings;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/**
 * What the driver may do, and nothing more: manage its executor pods (Spark 4.2 in client mode
 * gets its own pod, creates, watches, lists and deletes executors, and deletes them all at stop)
 * and write the one metrics ConfigMap. Spark's per-application ConfigMap and executor claims are
 * switched off in {@link SparkSubmitCommand}, so no other resource is needed.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_SPARK_RBAC))
public class SparkRoleDependent extends CRUDKubernetesDependentResource<Role, CrimeStream> {

  public static final String NAME = "spark-role";

  public SparkRoleDependent() {
    super(Role.class, NAME);
  }

  @Override
  protected Role desired(CrimeStream cs, Context<CrimeStream> context) {
    return role(cs, ContextSettings.of(context));
  }

  static Role role(CrimeStream cs, PipelineSettings s) {
    return new RoleBuilder()
        .withNewMetadata()
        .withName(ResourceNames.sparkServiceAccount(cs))
        .withNamespace(cs.getMetadata().getNamespace())
        .withLabels(Labels.of(cs, Labels.COMPONENT_SPARK_RBAC))
        .endMetadata()
        .withRules(rules(s.metricsConfigMap()))
        .build();
  }

  /** The driver's rules; the chart's documentation and tests read them from here. */
  public static List<PolicyRule> rules(String metricsConfigMap) {
    return List.of(
        new PolicyRuleBuilder().withApiGroups("").withResources("pods")
            .withVerbs("create", "get", "list", "watch", "delete", "deletecollection").build(),
        // create cannot be limited by name: the controller creates the ConfigMap, the job fills
        // it with a merge patch (read first), never a whole update
        new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
            .withResourceNames(metricsConfigMap).withVerbs("get", "patch").build());
  }
}
