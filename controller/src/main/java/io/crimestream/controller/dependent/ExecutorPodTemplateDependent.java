package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.command.SparkSubmitCommand;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.security.PodSecurity;
import io.crimestream.controller.settings.ContextSettings;
import io.crimestream.controller.settings.PipelineSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The pod template Spark merges into every executor pod it creates (mounted into the driver):
 * the same restricted security settings as the controller's own pods, the CrimeStream's labels,
 * writable emptyDirs for a read-only root file system, the image pull secrets, and the Kafka
 * Secrets mounted where the driver has them (the Kafka source reads on the executors, and the paths of the CA and keystore
 * files travel with its settings). The ConfigMap names the Secrets; it holds none of their data.
 * Spark adds its own local-dir volumes.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_EXECUTOR_TEMPLATE))
public class ExecutorPodTemplateDependent
    extends CRUDKubernetesDependentResource<ConfigMap, CrimeStream> {

  public static final String NAME = "executor-pod-template";
  /** The container Spark fills in (spark.kubernetes.executor.podTemplateContainerName). */
  public static final String CONTAINER = ResourceNames.EXECUTOR_CONTAINER;

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  public ExecutorPodTemplateDependent() {
    super(ConfigMap.class, NAME);
  }

  @Override
  protected ConfigMap desired(CrimeStream cs, Context<CrimeStream> context) {
    return configMap(cs, ContextSettings.of(context));
  }

  static ConfigMap configMap(CrimeStream cs, PipelineSettings s) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(ResourceNames.executorPodTemplate(cs))
        .withNamespace(cs.getMetadata().getNamespace())
        .withLabels(Labels.of(cs, Labels.COMPONENT_EXECUTOR_TEMPLATE))
        .endMetadata()
        .addToData(SparkSubmitCommand.EXECUTOR_TEMPLATE_FILE, YAML.asYaml(template(cs, s)))
        .build();
  }

  /** The executors' pod template (public: deploy-checks compares it with the chart). */
  public static Pod template(CrimeStream cs, PipelineSettings s) {
    return new PodBuilder()
        .withNewMetadata().withLabels(Labels.of(cs, Labels.COMPONENT_EXECUTOR)).endMetadata()
        .withNewSpec()
        // executors never call the API server
        .withAutomountServiceAccountToken(false)
        // Spark adds spark.kubernetes.container.image.pullSecrets to these, if set
        .withImagePullSecrets(s.imagePullSecretReferences())
        .withSecurityContext(PodSecurity.pod(PodSecurity.SPARK_UID))
        .withContainers(new ContainerBuilder()
            .withName(CONTAINER)
            .withSecurityContext(PodSecurity.container())
            .addNewVolumeMount().withName("tmp").withMountPath(SparkSubmitCommand.TMP_DIR)
            .endVolumeMount()
            .addNewVolumeMount().withName("work-dir").withMountPath(SparkSubmitCommand.WORK_DIR)
            .endVolumeMount()
            .addAllToVolumeMounts(s.kafka().security().mounts())
            .build())
        .withVolumes(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build(),
            new VolumeBuilder().withName("work-dir").withNewEmptyDir().endEmptyDir().build())
        .addAllToVolumes(s.kafka().security().volumes())
        .endSpec()
        .build();
  }
}
