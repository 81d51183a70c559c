package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.naming.Labels;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.settings.ContextSettings;
import io.crimestream.controller.settings.PipelineSettings;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

/**
 * The claim the query's checkpoint lives on, so that a replaced driver resumes where the failed
 * one stopped. Created once (a claim's spec is mostly immutable) and owned by the CrimeStream.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.SELECT_CHECKPOINT))
public class CheckpointClaimDependent
    extends KubernetesDependentResource<PersistentVolumeClaim, CrimeStream>
    implements Creator<PersistentVolumeClaim, CrimeStream>, GarbageCollected<CrimeStream> {

  public static final String NAME = "checkpoint-claim";

  public CheckpointClaimDependent() {
    super(PersistentVolumeClaim.class, NAME);
  }

  @Override
  protected PersistentVolumeClaim desired(CrimeStream cs, Context<CrimeStream> context) {
    return claim(cs, ContextSettings.of(context));
  }

  static PersistentVolumeClaim claim(CrimeStream cs, PipelineSettings s) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(ResourceNames.checkpointClaim(cs))
        .withNamespace(cs.getMetadata().getNamespace())
        .withLabels(Labels.of(cs, Labels.COMPONENT_CHECKPOINT))
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(s.spark().checkpointStorageClass())
        .withNewResources().addToRequests("storage", new Quantity(s.spark().checkpointSize()))
        .endResources()
        .endSpec()
        .build();
  }
}
