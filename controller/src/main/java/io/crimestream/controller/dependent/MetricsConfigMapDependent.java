package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.settings.ContextSettings;
import io.crimestream.controller.settings.PipelineSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

/**
 * The ConfigMap the streaming job publishes its metrics to. The controller creates it empty
 * (RBAC cannot limit {@code create} to one name, so the driver may only update this one) and
 * never writes it again: its data belongs to the job. The controller reads it back into the
 * CrimeStream's status.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_METRICS))
public class MetricsConfigMapDependent extends KubernetesDependentResource<ConfigMap, CrimeStream>
    implements Creator<ConfigMap, CrimeStream>, GarbageCollected<CrimeStream> {

  public static final String NAME = "metrics-config-map";
  /** The keys the job writes (see the streaming job's ConfigMapMetricsSink). */
  public static final String METRICS_KEY = "metrics.json";
  public static final String SUMMARY_KEY = "summary.json";

  public MetricsConfigMapDependent() {
    super(ConfigMap.class, NAME);
  }

  @Override
  protected ConfigMap desired(CrimeStream cs, Context<CrimeStream> context) {
    return configMap(cs, ContextSettings.of(context));
  }

  static ConfigMap configMap(CrimeStream cs, PipelineSettings s) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(s.metricsConfigMap())
        .withNamespace(cs.getMetadata().getNamespace())
        .withLabels(Labels.of(cs, Labels.COMPONENT_METRICS))
        .endMetadata()
        .build();
  }
}
