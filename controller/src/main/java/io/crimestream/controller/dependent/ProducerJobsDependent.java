package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.command.DatasetMount;
import io.crimestream.controller.command.ProducerArguments;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.security.PodSecurity;
import io.crimestream.controller.settings.ContextSettings;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.state.ProducerJobState;
import io.crimestream.kafka.KafkaConnection;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One producer Job per requested month. The Jobs run one after another in month order, because
 * the stream must arrive in time order: a month's Job is desired only once every earlier month's
 * Job has succeeded. Jobs are created, never updated (a Job that ran is history; a spec change
 * affects the months not started yet), and owned by the CrimeStream.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_PRODUCERS))
public class ProducerJobsDependent extends KubernetesDependentResource<Job, CrimeStream>
    implements Creator<Job, CrimeStream>, GarbageCollected<CrimeStream>,
    BulkDependentResource<Job, CrimeStream, String> {

  public static final String NAME = "producer-jobs";
  public static final String CONTAINER = ResourceNames.PRODUCER_CONTAINER;
  /** Kubernetes's default; the producer writes its summary there (see the env below). */
  public static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";
  /** Tells the producer where its one-line summary goes, so the controller can read rows sent. */
  public static final String ENV_TERMINATION_MESSAGE_PATH = "CRIMESTREAM_TERMINATION_MESSAGE_PATH";

  public ProducerJobsDependent() {
    super(Job.class, NAME);
  }

  @Override
  public Map<String, Job> desiredResources(CrimeStream cs, Context<CrimeStream> context) {
    return desiredJobs(cs, ContextSettings.of(context), getSecondaryResources(cs, context));
  }

  /**
   * Every month up to and including the first one whose Job has not succeeded, and every month
   * that already has a Job (so that none is deleted when an earlier one is re-run).
   */
  static Map<String, Job> desiredJobs(CrimeStream cs, PipelineSettings settings,
                                      Map<String, Job> existing) {
    Map<String, Job> desired = new LinkedHashMap<>();
    boolean earlierMonthsDone = true;
    for (YearMonth month : settings.source().producerMonths()) {
      Job actual = existing.get(month.toString());
      if (earlierMonthsDone || actual != null) {
        desired.put(month.toString(), job(cs, settings, month));
      }
      earlierMonthsDone = earlierMonthsDone && ProducerJobState.of(actual).succeeded();
    }
    return desired;
  }

  @Override
  public Map<String, Job> getSecondaryResources(CrimeStream cs, Context<CrimeStream> context) {
    return context.getSecondaryResourcesAsStream(Job.class)
        .filter(job -> job.getMetadata().getLabels().containsKey(Labels.MONTH))
        .collect(Collectors.toMap(job -> job.getMetadata().getLabels().get(Labels.MONTH),
            job -> job, (a, b) -> a));
  }

  @Override
  public void deleteTargetResource(CrimeStream cs, Job job, String month,
                                   Context<CrimeStream> context) {
    // background propagation would leave the Job's pods behind until the garbage collector runs
    context.getClient().resource(job).withPropagationPolicy(DeletionPropagation.FOREGROUND)
        .delete();
  }

  /** A month's producer Job (public: deploy-checks compares it with the chart). */
  public static Job job(CrimeStream cs, PipelineSettings s, YearMonth month) {
    Map<String, String> labels = Labels.of(cs, Labels.COMPONENT_PRODUCER);
    labels.put(Labels.MONTH, month.toString());
    DatasetMount dataset = DatasetMount.of(s.source().source());

    var container = new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(s.producer().image())
        .withImagePullPolicy(s.imagePullPolicy())
        .withArgs(ProducerArguments.of(s, month, dataset))
        .withEnv(new EnvVar(KafkaConnection.ENV_BOOTSTRAP_SERVERS, s.kafka().bootstrapServers(),
                null),
            new EnvVar(ENV_TERMINATION_MESSAGE_PATH, TERMINATION_MESSAGE_PATH, null))
        // TLS and SCRAM: file paths into the mounted Secrets, never the credentials themselves
        .addAllToEnv(s.kafka().security().env())
        .withTerminationMessagePath(TERMINATION_MESSAGE_PATH)
        // a producer that dies before writing its summary still explains itself
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withSecurityContext(PodSecurity.container())
        .withResources(new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("100m"))
            .addToRequests("memory", new Quantity("384Mi"))
            .addToLimits("memory", new Quantity("768Mi"))
            .build())
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount();
    dataset.mount().ifPresent(container::addToVolumeMounts);
    container.addAllToVolumeMounts(s.kafka().security().mounts());

    var pod = new PodSpecBuilder()
        .withRestartPolicy("Never")
        // the producer talks to Kafka only, never to the API server
        .withAutomountServiceAccountToken(false)
        .withImagePullSecrets(s.imagePullSecretReferences())
        .withSecurityContext(PodSecurity.pod(PodSecurity.PRODUCER_UID))
        .withContainers(container.build())
        .addToVolumes(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    dataset.volume().ifPresent(pod::addToVolumes);
    pod.addAllToVolumes(s.kafka().security().volumes());

    return new JobBuilder()
        .withMetadata(new ObjectMetaBuilder()
            .withName(ResourceNames.producerJob(cs, month.toString()))
            .withNamespace(cs.getMetadata().getNamespace())
            .withLabels(labels)
            .build())
        .withNewSpec()
        .withBackoffLimit(s.producer().backoffLimit())
        .withNewTemplate()
        .withNewMetadata().withLabels(labels).endMetadata()
        .withSpec(pod.build())
        .endTemplate()
        .endSpec()
        .build();
  }
}
