package io.crimestream.controller;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.dependent.CheckpointClaimDependent;
import io.crimestream.controller.dependent.DriverPodDependent;
import io.crimestream.controller.dependent.DriverServiceDependent;
import io.crimestream.controller.dependent.ExecutorPodTemplateDependent;
import io.crimestream.controller.dependent.KafkaTopicsDependent;
import io.crimestream.controller.dependent.MetricsConfigMapDependent;
import io.crimestream.controller.dependent.ProducerJobsDependent;
import io.crimestream.controller.dependent.SparkRoleBindingDependent;
import io.crimestream.controller.dependent.SparkRoleDependent;
import io.crimestream.controller.dependent.SparkServiceAccountDependent;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.settings.ContextSettings;
import io.crimestream.controller.settings.InvalidSpecException;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.status.Conditions;
import io.crimestream.controller.status.ObservedState;
import io.crimestream.controller.status.StatusInput;
import io.crimestream.controller.status.StatusSteps;
import io.crimestream.controller.workflow.StrimziInstalled;
import io.crimestream.controller.workflow.TopicReady;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a CrimeStream: checks the spec, lets the dependent resources bring the cluster to
 * it, and computes the status from what they report. It never creates anything itself but the
 * Events the status steps ask for (a new champion, a drift detection).
 *
 * <p>The workflow is invoked explicitly, so that an invalid spec is reported without touching
 * what already runs. Its order: the KafkaTopics (only where Strimzi is installed) must be Ready
 * before the producer Jobs and the driver pod; the driver also needs its RBAC, Service,
 * checkpoint claim, metrics ConfigMap and executor pod template.
 *
 * <p>As a {@link Cleaner} it holds a finalizer on every CrimeStream: the KafkaTopics may live in
 * the Kafka cluster's namespace, where no owner reference reaches, so their deletion with the
 * CrimeStream ({@code spec.kafka.deleteTopic}) is the controller's own ({@link TopicCleanup}).
 * Everything else goes with the owner references.
 */
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = KafkaTopicsDependent.NAME, type = KafkaTopicsDependent.class,
        activationCondition = StrimziInstalled.class, readyPostcondition = TopicReady.class),
    @Dependent(name = SparkServiceAccountDependent.NAME, type = SparkServiceAccountDependent.class),
    @Dependent(name = SparkRoleDependent.NAME, type = SparkRoleDependent.class),
    @Dependent(name = SparkRoleBindingDependent.NAME, type = SparkRoleBindingDependent.class,
        dependsOn = {SparkServiceAccountDependent.NAME, SparkRoleDependent.NAME}),
    @Dependent(name = DriverServiceDependent.NAME, type = DriverServiceDependent.class),
    @Dependent(name = CheckpointClaimDependent.NAME, type = CheckpointClaimDependent.class),
    @Dependent(name = MetricsConfigMapDependent.NAME, type = MetricsConfigMapDependent.class),
    @Dependent(name = ExecutorPodTemplateDependent.NAME,
        type = ExecutorPodTemplateDependent.class),
    @Dependent(name = ProducerJobsDependent.NAME, type = ProducerJobsDependent.class,
        dependsOn = KafkaTopicsDependent.NAME),
    @Dependent(name = DriverPodDependent.NAME, type = DriverPodDependent.class,
        dependsOn = {KafkaTopicsDependent.NAME, SparkRoleBindingDependent.NAME,
            DriverServiceDependent.NAME, CheckpointClaimDependent.NAME,
            MetricsConfigMapDependent.NAME, ExecutorPodTemplateDependent.NAME}),
})
@ControllerConfiguration(name = CrimeStreamReconciler.NAME)
public class CrimeStreamReconciler implements Reconciler<CrimeStream>, Cleaner<CrimeStream> {

  public static final String NAME = "crimestream";
  /** The informer of the producer Jobs' pods, whose termination messages feed the status. */
  static final String PRODUCER_PODS = "producer-pods";

  private static final Logger LOG = LoggerFactory.getLogger(CrimeStreamReconciler.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final ControllerConfig config;

  public CrimeStreamReconciler(ControllerConfig config) {
    this.config = config;
  }

  @Override
  public List<EventSource<?, CrimeStream>> prepareEventSources(
      EventSourceContext<CrimeStream> context) {
    // pods made by the producer Jobs belong to the Job, not to the CrimeStream: map them back by
    // the instance label the Job's template gives them
    var producerPods = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Pod.class, CrimeStream.class)
            .withName(PRODUCER_PODS)
            .withLabelSelector(Labels.SELECT_PRODUCERS)
            .withSecondaryToPrimaryMapper((Pod pod) -> Set.of(new ResourceID(
                pod.getMetadata().getLabels().get(Labels.INSTANCE),
                pod.getMetadata().getNamespace())))
            .build(), context);
    return List.of(producerPods);
  }

  @Override
  public UpdateControl<CrimeStream> reconcile(CrimeStream cs, Context<CrimeStream> context) {
    CrimeStreamStatus status = copyOfStatus(cs);
    Instant now = Instant.now();
    PipelineSettings settings;
    try {
      settings = PipelineSettings.of(cs, config);
    } catch (InvalidSpecException e) {
      LOG.info("{}/{}: invalid spec: {}", cs.getMetadata().getNamespace(),
          cs.getMetadata().getName(), e.getMessage());
      StatusSteps.invalid(cs, status, e.problems(), now);
      return patchStatus(cs, status);
    }
    ContextSettings.put(context, settings);
    WorkflowReconcileResult workflow =
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    workflow.throwAggregateExceptionIfErrorsPresent();

    StatusInput in = new StatusInput(cs, settings, observe(cs, settings, context, workflow), status,
        now);
    StatusSteps.apply(in);
    EventRecorder.record(context.getClient(), cs, in.events(), now);
    UpdateControl<CrimeStream> control = patchStatus(cs, status);
    in.recheckAfter().ifPresent(control::rescheduleAfter);
    return control;
  }

  /** The KafkaTopics go too, with {@code spec.kafka.deleteTopic}; the rest is owned. */
  @Override
  public DeleteControl cleanup(CrimeStream cs, Context<CrimeStream> context) {
    if (TopicCleanup.wanted(cs)) {
      TopicCleanup.deleteTopicsOf(cs, context.getClient(), config);
    }
    return DeleteControl.defaultDelete();
  }

  /**
   * An error the workflow raised (an API call refused, a name taken by another object) goes into
   * Ready with its message; JOSDK retries with backoff.
   */
  @Override
  public ErrorStatusUpdateControl<CrimeStream> updateErrorStatus(CrimeStream cs,
                                                                 Context<CrimeStream> context,
                                                                 Exception e) {
    CrimeStreamStatus status = copyOfStatus(cs);
    Conditions.set(status, ConditionTypes.READY, Conditions.FALSE, "ReconcileError",
        rootMessage(e), cs.getMetadata().getGeneration(), Instant.now());
    cs.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(cs);
  }

  private static ObservedState observe(CrimeStream cs, PipelineSettings settings,
                                       Context<CrimeStream> context,
                                       WorkflowReconcileResult workflow) {
    boolean strimzi = workflow.getDependentConditionResult(KafkaTopicsDependent.NAME,
        Condition.Type.ACTIVATION, Boolean.class).orElse(true);
    Map<String, Job> jobs = context.getSecondaryResourcesAsStream(Job.class)
        .filter(j -> j.getMetadata().getLabels().containsKey(Labels.MONTH))
        .collect(Collectors.toMap(j -> j.getMetadata().getLabels().get(Labels.MONTH), j -> j,
            (a, b) -> a));
    List<Pod> producerPods = List.copyOf(context.eventSourceRetriever()
        .getEventSourceFor(Pod.class, PRODUCER_PODS).getSecondaryResources(cs));
    String driverName = ResourceNames.driverPod(cs);
    var driver = context.getSecondaryResourcesAsStream(Pod.class)
        .filter(p -> driverName.equals(p.getMetadata().getName()))
        .findFirst();
    String metricsName = ResourceNames.metricsConfigMap(cs);
    var metrics = context.getSecondaryResourcesAsStream(ConfigMap.class)
        .filter(c -> metricsName.equals(c.getMetadata().getName()))
        .findFirst();
    Map<String, KafkaTopic> topics = strimzi
        ? KafkaTopicsDependent.inNamespace(context.getSecondaryResources(KafkaTopic.class),
            settings.kafka().namespace())
        : Map.of();
    return new ObservedState(strimzi, topics, Map.copyOf(jobs), producerPods, driver, metrics);
  }

  private static UpdateControl<CrimeStream> patchStatus(CrimeStream cs, CrimeStreamStatus status) {
    cs.setStatus(status);
    return UpdateControl.patchStatus(cs);
  }

  /** A deep copy: the resource handed in comes from the informer's cache. */
  private static CrimeStreamStatus copyOfStatus(CrimeStream cs) {
    return cs.getStatus() == null ? new CrimeStreamStatus()
        : JSON.clone(cs.getStatus());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    return message.length() > 1000 ? message.substring(0, 1000) + "…" : message;
  }
}
