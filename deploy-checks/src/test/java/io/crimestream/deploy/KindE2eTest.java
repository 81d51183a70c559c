package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.Defaults;
import io.crimestream.controller.dependent.PipelineSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What hack/kind-e2e.sh and its workflow rely on, checked without Docker: the CrimeStream it
 * applies, the chart values it sets, the node mount the examples read, and the workflow that runs
 * it. (The script itself runs where `docker info` answers: .ci/run and the hosted workflow.)
 */
class KindE2eTest {

  /** Where the kind node sees the Chicago export; the examples' hostPath files are under it. */
  static final String DATA_MOUNT = "/data/chicago";

  private static final String SCRIPT = "hack/kind-e2e.sh";

  @Test
  void theScenarioIsTheStudyFasterAndRunsOnTheDevelopmentKafka() throws Exception {
    List<JsonNode> documents = Manifests.documents(Repo.read("hack/kind/e2e-crimestream.yaml"));
    assertThat(documents).hasSize(1);
    CrimeStream e2e = (CrimeStream) Manifests.strict(documents.get(0));
    e2e.getMetadata().setNamespace(Repo.NAMESPACE);
    PipelineSettings settings = PipelineSettings.of(e2e,
        ChartRenderingTest.controllerConfig(Chart.defaults()));

    assertThat(settings.months()).containsExactly("2016-05");
    assertThat(settings.batchRows()).isEqualTo(Defaults.BATCH_ROWS);
    assertThat(settings.rowsPerSecond()).isGreaterThan(Defaults.ROWS_PER_SECOND);
    assertThat(settings.replay()).isFalse();
    assertThat(e2e.getSpec().getSource().getHostPath().getPath()).startsWith(DATA_MOUNT + "/");
    // the script installs the chart's dev Kafka under the name the CrimeStream gives
    assertThat(Repo.read(SCRIPT)).contains("--set devKafka.name=\"$kafka_cluster\"");
  }

  @Test
  void theScriptMountsTheExportWhereTheExamplesReadIt() {
    String script = Repo.read(SCRIPT);
    assertThat(script).contains("data_mount=" + DATA_MOUNT)
        .contains("containerPath: $data_mount");
  }

  @Test
  void theScriptSetsOnlyValuesTheChartHas() throws Exception {
    JsonNode values = Manifests.YAML.readTree(Repo.CHART.resolve("values.yaml").toFile());
    Matcher set = Pattern.compile("--set ([A-Za-z.]+)=").matcher(Repo.read(SCRIPT));
    List<String> keys = new ArrayList<>();
    while (set.find()) {
      keys.add(set.group(1));
    }
    assertThat(keys).contains("images.repository", "images.tag", "devKafka.enabled");
    for (String key : keys) {
      JsonNode node = values;
      for (String part : key.split("\\.")) {
        node = node.path(part);
      }
      assertThat(node.isMissingNode()).as("%s sets %s, which values.yaml lacks", SCRIPT, key)
          .isFalse();
    }
  }

  @Test
  void theScriptBuildsEveryImageTheChartNames() {
    Matcher images = Pattern.compile("images=\\(([^)]*)\\)").matcher(Repo.read(SCRIPT));
    assertThat(images.find()).isTrue();
    assertThat(List.of(images.group(1).trim().split("\\s+")))
        .containsExactlyInAnyOrderElementsOf(ImagesTest.IMAGES);
  }

  @Test
  void theWorkflowRunsTheScriptOnAHostedRunner() throws Exception {
    JsonNode workflow = Manifests.YAML.readTree(Repo.path(".github/workflows/kind-e2e.yml")
        .toFile());
    // YAML 1.1 reads the key "on" as true
    JsonNode on = workflow.has("on") ? workflow.get("on") : workflow.get("true");
    assertThat(on).isNotNull();
    assertThat(on.has("pull_request")).isTrue();
    assertThat(on.has("push")).isTrue();

    List<JsonNode> jobs = new ArrayList<>();
    workflow.path("jobs").elements().forEachRemaining(jobs::add);
    assertThat(jobs).singleElement().satisfies(job -> {
      assertThat(job.path("runs-on").asText()).startsWith("ubuntu-");
      assertThat(job.path("timeout-minutes").asInt()).isBetween(1, 120);
      List<String> runs = new ArrayList<>();
      job.path("steps").forEach(step -> runs.add(step.path("run").asText()));
      assertThat(runs).anyMatch(run -> run.strip().equals(SCRIPT));
      assertThat(job.path("env").path("STRIMZI_VERSION").asText())
          .isEqualTo(defaultOf("STRIMZI_VERSION"));
    });
  }

  /** The default the script gives an environment variable: ${NAME:-default}. */
  private static String defaultOf(String variable) {
    Matcher m = Pattern.compile("\\$\\{" + variable + ":-([^}]*)}").matcher(Repo.read(SCRIPT));
    assertThat(m.find()).as("%s reads %s", SCRIPT, variable).isTrue();
    return m.group(1);
  }
}
