package io.crimestream.controller.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ChampionSpec;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.DriftSpec;
import io.crimestream.controller.api.InitialModels;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.settings.SparkSettings;
import io.crimestream.controller.testing.CrimeStreams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver's command line: the job's own options as the spec sets them, and Spark's stop. */
class JobArgumentsTest {

  private final CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-05",
      "2016-04");

  @Test
  void everyOptionTheSpecSetsReachesTheJobInItsOwnGrammar() throws Exception {
    cs.getSpec().setModels(List.of("gradient_boosted_trees", "logistic_regression"));
    cs.getSpec().setFeatures("study");
    cs.getSpec().setTrainingWindow("reservoir:20000");
    cs.getSpec().setDecisionThreshold(".000001");
    cs.getSpec().setExcludeArrestRecordedTypes(true);
    SparkSpec spark = new SparkSpec();
    spark.setTriggerInterval("2 minutes");
    spark.setMaxRowsPerBatch(1500L);
    spark.setMaxRowsWhenBehind(6000L);
    spark.setStopGracePeriod("90 seconds");
    cs.getSpec().setSpark(spark);
    cs.getSpec().getKafka().setDeadLetter(false);
    ChampionSpec champion = new ChampionSpec();
    champion.setWindow(10);
    champion.setMargin(".0005");
    champion.setLeadBatches(4);
    cs.getSpec().setChampion(champion);
    DriftSpec drift = new DriftSpec();
    drift.setDelta("0.02");
    drift.setThreshold(30);
    drift.setMinRows(200);
    drift.setOnDrift("reset-window");
    cs.getSpec().setDrift(drift);
    cs.getSpec().setKeepVersions(8);
    InitialModels initial = new InitialModels();
    initial.setClaimName("last-year");
    initial.setPath("study/models");
    cs.getSpec().setInitialModels(initial);

    assertThat(JobArguments.of(cs, CrimeStreams.settings(cs))).containsExactly(
        "--topic", "crimenes", "--months", "2016-04,2016-05",
        "--checkpoint-dir", "/var/lib/crimestream/checkpoint",
        "--metrics-configmap", "study-metrics", "--namespace", "crimes",
        "--trigger-interval", "2m",
        "--models", "gradient_boosted_trees,logistic_regression",
        "--features", "study", "--training-window", "reservoir:20000",
        "--no-dead-letter", "--max-rows-per-batch", "1500", "--max-rows-when-behind", "6000",
        // a plain decimal: the job's grammar has no exponents
        "--decision-threshold", "0.000001",
        "--exclude-arrest-recorded-types", "--stop-grace-period", "90s",
        "--champion-window", "10", "--champion-margin", "0.0005", "--champion-lead-batches", "4",
        "--drift-delta", "0.02", "--drift-threshold", "30", "--drift-min-rows", "200",
        "--on-drift", "reset-window", "--keep-versions", "8",
        // the saved registry, where the driver pod mounts its claim
        "--initial-models", "/var/lib/crimestream/initial-models/study/models",
        // the port the driver container declares as metrics
        "--http-address", "0.0.0.0", "--http-port", "9464");
  }

  @Test
  void theDriverMayTakeTheStopGracePeriodAndTenSecondsToStop() throws Exception {
    // the job's default stop grace period, 20 s
    PipelineSettings defaults = CrimeStreams.settings(cs);
    assertThat(defaults.streaming().terminationGracePeriodSeconds()).isEqualTo(30);
    assertThat(SparkSubmitCommand.conf(cs, defaults))
        .containsEntry("spark.driver.defaultJavaOptions", "-Dspark.shutdown.timeout=30s");

    SparkSpec spark = new SparkSpec();
    spark.setStopGracePeriod("1m");
    cs.getSpec().setSpark(spark);
    PipelineSettings longer = CrimeStreams.settings(cs);
    assertThat(longer.streaming().terminationGracePeriodSeconds()).isEqualTo(70);
    // Spark's shutdown hooks are cut at 30 s unless told otherwise: the job's would be too
    assertThat(SparkSubmitCommand.conf(cs, longer))
        .containsEntry("spark.driver.defaultJavaOptions", "-Dspark.shutdown.timeout=70s");

    spark.setTerminationGracePeriodSeconds(120L);
    assertThat(SparkSubmitCommand.conf(cs, CrimeStreams.settings(cs)))
        .containsEntry("spark.driver.defaultJavaOptions", "-Dspark.shutdown.timeout=120s");
  }

  @Test
  void everySettingTheControllerWritesIsOneTheSpecCannotOverride() throws Exception {
    cs.getSpec().setSpark(new SparkSpec());
    cs.getSpec().getSpark().setConf(Map.of("spark.sql.shuffle.partitions", "8"));

    Map<String, String> conf = SparkSubmitCommand.conf(cs, CrimeStreams.settings(cs));

    assertThat(conf.keySet()).filteredOn(k -> !k.equals("spark.sql.shuffle.partitions"))
        .allSatisfy(k -> assertThat(SparkSettings.CONTROLLER_OWNED_CONF).contains(k));
  }
}
