package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.Defaults;
import io.crimestream.controller.settings.PipelineSettings;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What hack/kind-e2e.sh and its workflow rely on, checked without Docker: the CrimeStream it
 * applies, the chart values it sets, the node mount the examples read, how it installs Strimzi
 * and loads the images, what it prints first and on failure, the workflow that runs it and the
 * README's account of both. (The script itself runs where `docker info` answers: .ci/run and the
 * hosted workflow.)
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

    assertThat(settings.source().months()).containsExactly(YearMonth.of(2016, 5));
    assertThat(settings.producer().batchRows()).isEqualTo(Defaults.BATCH_ROWS);
    assertThat(settings.producer().rowsPerSecond()).isGreaterThan(Defaults.ROWS_PER_SECOND);
    assertThat(settings.producer().replay()).isFalse();
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

  @Test
  void theScriptPrintsTheVersionsBeforeItBuildsOrCreatesAnything() {
    String script = Repo.read(SCRIPT);
    int firstWork = Math.min(script.indexOf("docker build"), script.indexOf("kind create cluster"));
    for (String version : List.of("docker version ||", "kind version", "kubectl version --client",
        "helm version")) {
      assertThat(script.indexOf("\n" + version)).as("%s printed first", version)
          .isPositive().isLessThan(firstWork);
    }
  }

  @Test
  void theScriptInstallsStrimziAsStrimziDocumentsIt() {
    List<String> commands = commands(Repo.read(SCRIPT));
    // the release's install files, their RoleBindings' subject namespace set to the namespace
    assertThat(commands).contains("curl -fsSL --retry 3 -o \"$work/strimzi-$strimzi_version.tar.gz\""
        + " \"https://github.com/strimzi/strimzi-kafka-operator/releases/download/$strimzi_version/"
        + "strimzi-$strimzi_version.tar.gz\"");
    assertThat(commands).contains("sed -i \"s/namespace: .*/namespace: $namespace/\""
        + " \"$strimzi_dir\"/install/cluster-operator/*RoleBinding*.yaml");
    assertThat(commands).contains("k create -f \"$strimzi_dir/install/cluster-operator\""
        + " -n \"$namespace\"");
    // nothing is created where kubectl's default namespace would take it
    assertThat(commands).filteredOn(c -> c.matches("^k (create|apply) -f .*"))
        .isNotEmpty().allMatch(c -> c.contains(" -n \"$namespace\""));
  }

  @Test
  void theScriptLoadsTheImagesThroughAnArchive() {
    List<String> commands = commands(Repo.read(SCRIPT));
    assertThat(commands).anyMatch(c -> c.startsWith("save=(docker image save --output"));
    assertThat(commands).contains("\"${save[@]}\" \"${image_refs[@]}\"",
        "kind load image-archive --name \"$cluster\" \"$images_archive\"");
    assertThat(commands).noneMatch(c -> c.contains("kind load docker-image"));
  }

  @Test
  void onFailureTheScriptDescribesThePodsThatAreNotRunningAndTheKafkaObjects() {
    String script = Repo.read(SCRIPT);
    String diagnostics = script.substring(script.indexOf("diagnostics() {"),
        script.indexOf("\n}\n", script.indexOf("diagnostics() {")));
    assertThat(diagnostics).contains("--field-selector=status.phase!=Running")
        .contains("describe pod")
        .contains("kafkas.kafka.strimzi.io").contains("kafkanodepools.kafka.strimzi.io")
        .contains("kafkatopics.kafka.strimzi.io").contains("persistentvolumeclaims")
        .contains("--all-namespaces -o yaml");
    assertThat(script).contains("if [[ $status -ne 0 && $cluster_created == true ]]; then\n"
        + "    diagnostics");
  }

  @Test
  void theWorkflowInstallsWhatTheScriptWasWrittenAgainstAndFetchesItsMonth() throws Exception {
    JsonNode job = Manifests.YAML.readTree(Repo.path(".github/workflows/kind-e2e.yml").toFile())
        .path("jobs").elements().next();
    assertThat(job.path("env").path("KIND_VERSION").asText())
        .isEqualTo(assignment("written_against_kind"));
    assertThat(job.path("env").path("HELM_VERSION").asText())
        .isEqualTo(assignment("written_against_helm"));
    List<JsonNode> steps = new ArrayList<>();
    job.path("steps").forEach(steps::add);
    assertThat(steps).anySatisfy(step -> {
      assertThat(step.path("uses").asText()).startsWith("helm/kind-action@");
      assertThat(step.path("with").path("version").asText()).isEqualTo("${{ env.KIND_VERSION }}");
    });
    assertThat(steps).anySatisfy(step -> {
      assertThat(step.path("uses").asText()).startsWith("azure/setup-helm@");
      assertThat(step.path("with").path("version").asText()).isEqualTo("${{ env.HELM_VERSION }}");
    });
    // the month the e2e CrimeStream streams, into the file the script is told to read
    String month = ((CrimeStream) Manifests.strict(Manifests.documents(
        Repo.read("hack/kind/e2e-crimestream.yaml")).get(0))).getSpec().getMonths().get(0);
    JsonNode run = steps.stream().filter(st -> st.path("run").asText().strip().equals(SCRIPT))
        .findFirst().orElseThrow();
    String file = run.path("env").path("CRIMESTREAM_DATA_FILE").asText();
    assertThat(steps).anySatisfy(step -> assertThat(step.path("run").asText())
        .contains("data/fetch-month.sh " + month + " \"$RUNNER_TEMP/chicago/" + file + "\""));
  }

  @Test
  void theReadmeStatesTheVersionsAndTheInstallCommandsAsTheScriptRunsThem() {
    String readme = Repo.read("README.md");
    String section = readme.substring(readme.indexOf("## Develop on kind"),
        readme.indexOf("\n## ", readme.indexOf("## Develop on kind") + 3));
    assertThat(section).contains("kind " + assignment("written_against_kind"))
        .contains("Helm " + assignment("written_against_helm"))
        .contains("Strimzi " + defaultOf("STRIMZI_VERSION"));
    String script = Repo.read(SCRIPT);
    Map<String, String> variables = variables(script);
    List<String> shown = commands(section).stream().map(KindE2eTest::unquoted).toList();
    List<String> installs = commands(script).stream()
        .filter(c -> c.matches("^(curl .*strimzi.*|tar -xzf .*|sed -i .*|k create -f .*"
            + "|k -n \"\\$namespace\" set env .*|kind load image-archive .*)$"))
        .map(c -> unquoted(expand(c, variables)))
        .toList();
    assertThat(installs).hasSize(6);
    assertThat(shown).containsAll(installs);
    // the archive holds every image the script builds
    String images = String.join(" ", List.of("controller", "producer", "streaming-job").stream()
        .map(name -> variables.get("image_repository") + "/" + name + ":"
            + variables.get("image_tag")).toList());
    assertThat(shown).anyMatch(c -> c.startsWith(unquoted(expand(
        "docker image save --output \"$images_archive\"", variables))) && c.endsWith(images));
  }

  /** The script's commands, a backslash-continued one on one line, spaces collapsed. */
  static List<String> commands(String text) {
    List<String> commands = new ArrayList<>();
    for (String line : text.replace("\\\n", " ").split("\n")) {
      String command = line.strip().replaceAll("\\s+", " ");
      if (!command.isEmpty() && !command.startsWith("#")) {
        commands.add(command);
      }
    }
    return commands;
  }

  /**
   * The values the script's variables take by default: ${VAR:-default} assignments, plain ones
   * expanded, $work (a temporary folder) as the current one, k as kubectl.
   */
  static Map<String, String> variables(String script) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("work", ".");
    Matcher defaults = Pattern.compile("(?m)^([a-z_]+)=\"\\$\\{[A-Z0-9_]+:-([^}]*)}\"$")
        .matcher(script);
    while (defaults.find()) {
      variables.put(defaults.group(1), defaults.group(2));
    }
    Matcher plain = Pattern.compile("(?m)^([a-z_]+)=\"?([^\"$(]*(?:\\$[a-z_]+[^\"$(]*)*)\"?$")
        .matcher(script);
    while (plain.find()) {
      variables.putIfAbsent(plain.group(1), expand(plain.group(2), variables));
    }
    return variables;
  }

  /** A command with the variables' values in place, as a person would type it. */
  static String expand(String command, Map<String, String> variables) {
    String expanded = command.replaceFirst("^k ", "kubectl ");
    List<String> names = new ArrayList<>(variables.keySet());
    names.sort((a, b) -> b.length() - a.length());
    for (String name : names) {
      expanded = expanded.replace("${" + name + "}", variables.get(name))
          .replace("$" + name, variables.get(name));
    }
    return expanded;
  }

  private static String unquoted(String command) {
    return command.replace("\"", "").replace("'", "");
  }

  /** The value of a plain assignment in the script: name=value. */
  private static String assignment(String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "=(\\S+)$").matcher(Repo.read(SCRIPT));
    assertThat(m.find()).as("%s assigns %s", SCRIPT, name).isTrue();
    return m.group(1);
  }

  /** The default the script gives an environment variable: ${NAME:-default}. */
  private static String defaultOf(String variable) {
    Matcher m = Pattern.compile("\\$\\{" + variable + ":-([^}]*)}").matcher(Repo.read(SCRIPT));
    assertThat(m.find()).as("%s reads %s", SCRIPT, variable).isTrue();
    return m.group(1);
  }
}
