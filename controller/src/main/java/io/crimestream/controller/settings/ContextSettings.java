package io.crimestream.controller.settings;

import io.crimestream.controller.api.CrimeStream;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Hands the validated settings from the reconciler to the dependent resources of the same
 * reconciliation, so that the spec is resolved and checked once.
 */
public final class ContextSettings {

  private static final String KEY = PipelineSettings.class.getName();

  private ContextSettings() {}

  public static void put(Context<CrimeStream> context, PipelineSettings settings) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, settings);
  }

  public static PipelineSettings of(Context<CrimeStream> context) {
    return context.managedWorkflowAndDependentResourceContext()
        .getMandatory(KEY, PipelineSettings.class);
  }
}
