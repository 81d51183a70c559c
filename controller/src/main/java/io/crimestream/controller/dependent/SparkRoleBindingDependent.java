package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Grants {@link SparkRoleDependent}'s Role to {@link SparkServiceAccountDependent}'s account. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_SPARK_RBAC))
public class SparkRoleBindingDependent
    extends CRUDKubernetesDependentResource<RoleBinding, CrimeStream> {

  public static final String NAME = "spark-role-binding";

  public SparkRoleBindingDependent() {
    super(RoleBinding.class, NAME);
  }

  @Override
  protected RoleBinding desired(CrimeStream cs, Context<CrimeStream> context) {
    String name = ResourceNames.sparkServiceAccount(cs);
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(cs.getMetadata().getNamespace())
        .withLabels(Labels.of(cs, Labels.COMPONENT_SPARK_RBAC))
        .endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role")
        .withName(name).endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(name)
        .withNamespace(cs.getMetadata().getNamespace()).endSubject()
        .build();
  }
}
