package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The identity the driver talks to the API server as; {@link SparkRoleDependent} says what for. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_SPARK_RBAC))
public class SparkServiceAccountDependent
    extends CRUDKubernetesDependentResource<ServiceAccount, CrimeStream> {

  public static final String NAME = "spark-service-account";

  public SparkServiceAccountDependent() {
    super(ServiceAccount.class, NAME);
  }

  @Override
  protected ServiceAccount desired(CrimeStream cs, Context<CrimeStream> context) {
    return new ServiceAccountBuilder()
        .withNewMetadata()
        .withName(ResourceNames.sparkServiceAccount(cs))
        .withNamespace(cs.getMetadata().getNamespace())
        .withLabels(Labels.of(cs, Labels.COMPONENT_SPARK_RBAC))
        .endMetadata()
        .build();
  }
}
