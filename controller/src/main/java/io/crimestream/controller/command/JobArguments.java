package io.crimestream.controller.command;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.settings.ChampionSettings;
import io.crimestream.controller.settings.DriftSettings;
import io.crimestream.controller.settings.LearningSettings;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.settings.RegistrySettings;
import io.crimestream.controller.settings.StreamingSettings;
import io.crimestream.options.JobOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * The streaming job's own arguments, after the application jar on the driver's spark-submit
 * line: its command line as in a local run, every option rendered by the job's
 * {@link JobOptions}. Options the spec leaves out are left out, so the job applies its defaults.
 */
public final class JobArguments {

  private JobArguments() {}

  public static List<String> of(CrimeStream cs, PipelineSettings s) {
    StreamingSettings streaming = s.streaming();
    LearningSettings learning = s.learning();
    Arguments args = new Arguments()
        .add(JobOptions.TOPIC, s.kafka().topic())
        .add(JobOptions.MONTHS, s.source().months())
        .add(JobOptions.CHECKPOINT_DIR, Path.of(SparkSubmitCommand.CHECKPOINT_DIR))
        .add(JobOptions.METRICS_CONFIG_MAP, s.metricsConfigMap())
        .add(JobOptions.NAMESPACE, cs.getMetadata().getNamespace())
        .add(JobOptions.TRIGGER_INTERVAL, streaming.triggerInterval())
        .add(JobOptions.MODELS, learning.models())
        .add(JobOptions.FEATURES, learning.features())
        .add(JobOptions.TRAINING_WINDOW, learning.trainingWindow());
    s.kafka().deadLetterTopic().ifPresentOrElse(
        topic -> args.add(JobOptions.DEAD_LETTER_TOPIC, topic),
        () -> args.flag(JobOptions.NO_DEAD_LETTER, true));
    ChampionSettings champion = learning.champion();
    DriftSettings drift = learning.drift();
    RegistrySettings registry = s.registry();
    return args.add(JobOptions.MAX_ROWS_PER_BATCH, streaming.maxRowsPerBatch())
        .add(JobOptions.MAX_ROWS_WHEN_BEHIND, streaming.maxRowsWhenBehind())
        .add(JobOptions.DECISION_THRESHOLD, learning.decisionThreshold())
        .flag(JobOptions.EXCLUDE_ARREST_RECORDED_TYPES, learning.excludeArrestRecordedTypes())
        .add(JobOptions.STOP_GRACE_PERIOD, streaming.stopGracePeriod())
        .add(JobOptions.CHAMPION_WINDOW, champion.window())
        .add(JobOptions.CHAMPION_MARGIN, champion.margin())
        .add(JobOptions.CHAMPION_LEAD_BATCHES, champion.leadBatches())
        .add(JobOptions.DRIFT_DELTA, drift.delta())
        .add(JobOptions.DRIFT_THRESHOLD, drift.threshold())
        .add(JobOptions.DRIFT_MIN_ROWS, drift.minRows())
        .add(JobOptions.ON_DRIFT, drift.onDrift())
        .add(JobOptions.KEEP_VERSIONS, registry.keepVersions())
        .add(JobOptions.INITIAL_MODELS, registry.initialModels()
            .map(m -> Path.of(SparkSubmitCommand.INITIAL_MODELS_DIR, m.getPath())))
        // the port the driver container declares, on every interface of the pod
        .add(JobOptions.HTTP_ADDRESS, SparkSubmitCommand.METRICS_ADDRESS)
        .add(JobOptions.HTTP_PORT, SparkSubmitCommand.METRICS_PORT)
        .list();
  }
}
