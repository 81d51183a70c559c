package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.command.SparkSubmitCommand;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.naming.ShortDigest;
import io.crimestream.controller.security.PodSecurity;
import io.crimestream.controller.settings.ContextSettings;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.settings.SparkSettings;
import io.crimestream.controller.state.DriverPodState;
import io.crimestream.controller.state.DriverRestarts;
import io.crimestream.kafka.KafkaConnection;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark driver pod. A pod cannot be edited, so it is created, and replaced (deleted, then
 * created by the next reconciliation) when its spec changes or after it failed: a failed driver
 * is replaced after an exponential backoff counted in the CrimeStream's status, and the new one
 * resumes the query from the checkpoint claim.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_DRIVER))
public class DriverPodDependent extends KubernetesDependentResource<Pod, CrimeStream>
    implements Creator<Pod, CrimeStream>, GarbageCollected<CrimeStream> {

  public static final String NAME = "driver-pod";
  public static final String CONTAINER = ResourceNames.DRIVER_CONTAINER;
  /** A hash of the desired spec: the pod is replaced when it changes. */
  private static final String INITIAL_MODELS_VOLUME = "initial-models";
  public static final String SPEC_HASH_ANNOTATION = "crimestream.io/spec-hash";

  private static final Logger LOG = LoggerFactory.getLogger(DriverPodDependent.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  public DriverPodDependent() {
    super(Pod.class, NAME);
  }

  @Override
  protected Pod desired(CrimeStream cs, Context<CrimeStream> context) {
    return pod(cs, ContextSettings.of(context));
  }

  @Override
  public ReconcileResult<Pod> reconcile(CrimeStream cs, Context<CrimeStream> context) {
    Optional<Pod> actual = getSecondaryResource(cs, context);
    if (actual.isEmpty()) {
      return super.reconcile(cs, context);
    }
    Pod pod = actual.get();
    String wanted = desired(cs, context).getMetadata().getAnnotations().get(SPEC_HASH_ANNOTATION);
    String replaceBecause = !wanted.equals(pod.getMetadata().getAnnotations()
        .get(SPEC_HASH_ANNOTATION)) ? "the driver's spec changed"
        : DriverRestarts.due(cs.getStatus() == null ? null : cs.getStatus().getDriver(),
            DriverPodState.of(pod), Instant.now()) ? "it failed and its restart delay has passed"
        : null;
    if (replaceBecause != null) {
      // the next reconciliation, on the deletion's event, creates the new pod
      LOG.info("{}/{}: replacing driver pod {}: {}", cs.getMetadata().getNamespace(),
          cs.getMetadata().getName(), pod.getMetadata().getName(), replaceBecause);
      context.getClient().resource(pod).delete();
    }
    return ReconcileResult.noOperation(pod);
  }

  /** The driver pod for {@code cs} (public: deploy-checks compares it with the chart). */
  public static Pod pod(CrimeStream cs, PipelineSettings s) {
    Map<String, String> labels = Labels.of(cs, Labels.COMPONENT_DRIVER);
    SparkSettings spark = s.spark();
    long memoryMiB = spark.driver().memoryMebibytes();
    // Spark's own rule for a JVM's container: the heap plus 10 %, at least 384 MiB
    String podMemory = (memoryMiB + Math.max(384, memoryMiB / 10)) + "Mi";

    var container = new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(spark.image())
        .withImagePullPolicy(s.imagePullPolicy())
        .withCommand(SparkSubmitCommand.command())
        .withArgs(SparkSubmitCommand.args(cs, s))
        .withEnv(fieldRef(SparkSubmitCommand.ENV_DRIVER_POD_NAME, "metadata.name"),
            fieldRef(SparkSubmitCommand.ENV_POD_NAMESPACE, "metadata.namespace"),
            fieldRef(SparkSubmitCommand.ENV_POD_IP, "status.podIP"),
            new EnvVar(KafkaConnection.ENV_BOOTSTRAP_SERVERS, s.kafka().bootstrapServers(), null))
        // TLS and SCRAM: file paths into the mounted Secrets, never the credentials themselves
        .addAllToEnv(s.kafka().security().env())
        .withPorts(new ContainerPort(SparkSubmitCommand.DRIVER_PORT, null, null, "driver", "TCP"),
            new ContainerPort(SparkSubmitCommand.BLOCK_MANAGER_PORT, null, null, "blockmanager",
                "TCP"),
            new ContainerPort(SparkSubmitCommand.METRICS_PORT, null, null,
                SparkSubmitCommand.METRICS_PORT_NAME, "TCP"))
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withSecurityContext(PodSecurity.container())
        .withResources(new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity(Integer.toString(spark.driver().cores())))
            .addToRequests("memory", new Quantity(podMemory))
            .addToLimits("memory", new Quantity(podMemory))
            .build())
        .withVolumeMounts(
            mount("checkpoint", SparkSubmitCommand.CHECKPOINT_DIR, false),
            mount("tmp", SparkSubmitCommand.TMP_DIR, false),
            mount("work-dir", SparkSubmitCommand.WORK_DIR, false),
            mount("executor-template", SparkSubmitCommand.EXECUTOR_TEMPLATE_DIR, true))
        .addAllToVolumeMounts(s.kafka().security().mounts())
        .build();
    s.registry().initialModels().ifPresent(m -> container.getVolumeMounts()
        .add(mount(INITIAL_MODELS_VOLUME, SparkSubmitCommand.INITIAL_MODELS_DIR, true)));

    Pod pod = new PodBuilder()
        .withNewMetadata()
        .withName(ResourceNames.driverPod(cs))
        .withNamespace(cs.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(ResourceNames.sparkServiceAccount(cs))
        .withRestartPolicy("Never")
        // the job's stop grace period and Spark's shutdown after it (spark.shutdown.timeout)
        .withTerminationGracePeriodSeconds(s.streaming().terminationGracePeriodSeconds())
        .withImagePullSecrets(s.imagePullSecretReferences())
        .withSecurityContext(PodSecurity.pod(PodSecurity.SPARK_UID))
        .withContainers(container)
        .withVolumes(
            new VolumeBuilder().withName("checkpoint").withNewPersistentVolumeClaim()
                .withClaimName(ResourceNames.checkpointClaim(cs)).endPersistentVolumeClaim().build(),
            new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build(),
            new VolumeBuilder().withName("work-dir").withNewEmptyDir().endEmptyDir().build(),
            new VolumeBuilder().withName("executor-template").withNewConfigMap()
                .withName(ResourceNames.executorPodTemplate(cs)).endConfigMap().build())
        .addAllToVolumes(s.kafka().security().volumes())
        .endSpec()
        .build();
    s.registry().initialModels().ifPresent(m -> pod.getSpec().getVolumes().add(new VolumeBuilder()
        .withName(INITIAL_MODELS_VOLUME).withNewPersistentVolumeClaim().withClaimName(m.getClaimName())
        .withReadOnly(true).endPersistentVolumeClaim().build()));
    pod.getMetadata().getAnnotations().put(SPEC_HASH_ANNOTATION, hash(pod));
    return pod;
  }

  private static EnvVar fieldRef(String name, String fieldPath) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef()
        .withFieldPath(fieldPath).endFieldRef().endValueFrom().build();
  }

  private static io.fabric8.kubernetes.api.model.VolumeMount mount(String name, String path,
                                                                  boolean readOnly) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly)
        .build();
  }

  private static String hash(Pod pod) {
    return ShortDigest.of(JSON.asJson(pod.getSpec()));
  }
}
