package io.crimestream.controller.workflow;

import io.crimestream.controller.api.CrimeStream;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.DetailedCondition;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.time.Duration;
import java.time.Instant;

/**
 * Activates the KafkaTopic dependent (and its informer) only where Strimzi's KafkaTopic CRD is
 * installed, so that a cluster without Strimzi gets a condition that says so instead of a
 * controller that cannot start its informers. The answer is the condition's detail, for the
 * status. A missing CRD is looked for again every {@link #RECHECK_ABSENT} (Strimzi may be
 * installed later); a present one is assumed to stay.
 */
public class StrimziInstalled implements DetailedCondition<KafkaTopic, CrimeStream, Boolean> {

  public static final String CRD_NAME = HasMetadata.getFullResourceName(KafkaTopic.class);
  public static final Duration RECHECK_ABSENT = Duration.ofSeconds(30);

  private Boolean present;
  private Instant checkedAt;

  @Override
  public synchronized Result<Boolean> detailedIsMet(
      DependentResource<KafkaTopic, CrimeStream> dependent, CrimeStream cs,
      Context<CrimeStream> context) {
    Instant now = Instant.now();
    if (present == null || (!present && !now.isBefore(checkedAt.plus(RECHECK_ABSENT)))) {
      present = context.getClient().resources(CustomResourceDefinition.class)
          .withName(CRD_NAME).get() != null;
      checkedAt = now;
    }
    return Result.withResult(present, present);
  }
}
