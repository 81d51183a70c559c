package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The driver's headless Service: its DNS name is {@code spark.driver.host}, so executors reach
 * the driver's fixed RPC and block manager ports. Its port {@code metrics} is where the job serves
 * {@code /metrics} and the dashboard, so that a person reaches the dashboard with
 * {@code kubectl port-forward svc/<name>-driver 9464:9464}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_DRIVER))
public class DriverServiceDependent extends CRUDKubernetesDependentResource<Service, CrimeStream> {

  public static final String NAME = "driver-service";

  public DriverServiceDependent() {
    super(Service.class, NAME);
  }

  @Override
  protected Service desired(CrimeStream cs, Context<CrimeStream> context) {
    return service(cs);
  }

  static Service service(CrimeStream cs) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(ResourceNames.driverService(cs))
        .withNamespace(cs.getMetadata().getNamespace())
        .withLabels(Labels.of(cs, Labels.COMPONENT_DRIVER))
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        // executors resolve the name while the driver starts, before any readiness
        .withPublishNotReadyAddresses(true)
        .withSelector(Labels.selector(cs, Labels.COMPONENT_DRIVER))
        .withPorts(
            new ServicePortBuilder().withName("driver").withProtocol("TCP")
                .withPort(SparkSubmitCommand.DRIVER_PORT).build(),
            new ServicePortBuilder().withName("blockmanager").withProtocol("TCP")
                .withPort(SparkSubmitCommand.BLOCK_MANAGER_PORT).build(),
            new ServicePortBuilder().withName("metrics").withProtocol("TCP")
                .withPort(SparkSubmitCommand.METRICS_PORT).build())
        .endSpec()
        .build();
  }
}
