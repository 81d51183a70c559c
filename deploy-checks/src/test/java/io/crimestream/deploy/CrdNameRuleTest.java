package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.crimestream.options.CrimeStreamName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CrimeStream CRD the chart installs refuses, at apply time, every name the controller could
 * not derive its objects' names from: its root CEL rules are compiled and evaluated here with
 * Google's CEL for Java (the API server runs cel-go: the same language, RE2 regular expressions
 * in both), on the names at the edges, and they agree with the controller's own check.
 */
class CrdNameRuleTest {

  private static final String LONGEST = "study-of-chicago-arrests-in-may-of-the-year-16";

  /** One x-kubernetes-validations entry at the root of the schema. */
  record Rule(String rule, String message) {}

  static List<Rule> rootRules() {
    JsonNode crd = Manifests.documents(Chart.crds()).stream()
        .filter(d -> d.path("kind").asText().equals("CustomResourceDefinition"))
        .filter(d -> d.path("metadata").path("name").asText().equals("crimestreams.crimestream.io"))
        .findFirst().orElseThrow();
    JsonNode schema = crd.path("spec").path("versions").get(0).path("schema")
        .path("openAPIV3Schema");
    List<Rule> rules = new ArrayList<>();
    schema.path("x-kubernetes-validations").forEach(r -> rules.add(new Rule(
        r.path("rule").asText(), r.path("message").asText())));
    return rules;
  }

  /** The messages of the root rules that refuse a CrimeStream called {@code name}. */
  static List<String> refusals(String name) throws Exception {
    CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .addVar("self", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .build();
    CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    Map<String, Object> self = Map.of("metadata", Map.of("name", name));
    List<String> refused = new ArrayList<>();
    for (Rule rule : rootRules()) {
      CelAbstractSyntaxTree ast = compiler.compile(rule.rule()).getAst();
      Object passed = runtime.createProgram(ast).eval(Map.of("self", self));
      if (!Boolean.TRUE.equals(passed)) {
        refused.add(rule.message());
      }
    }
    return refused;
  }

  @Test
  void theRootRulesAreTheControllersRuleAndSayWhy() {
    assertThat(rootRules()).containsExactlyInAnyOrder(
        new Rule(CrimeStreamName.PATTERN_RULE, CrimeStreamName.PATTERN_MESSAGE),
        new Rule(CrimeStreamName.LENGTH_RULE, CrimeStreamName.LENGTH_MESSAGE));
  }

  @Test
  void theCrdAcceptsNamesEveryDerivedNameCanBeMadeOf() throws Exception {
    assertThat(LONGEST).hasSize(CrimeStreamName.MAX_LENGTH);
    for (String name : List.of("study", "s", "study-2016", "replay-two-months", LONGEST)) {
      assertThat(refusals(name)).as(name).isEmpty();
      assertThat(CrimeStreamName.problems(name)).as(name).isEmpty();
    }
  }

  @Test
  void theCrdRefusesTheEdgeNamesWithTheReason() throws Exception {
    assertThat(refusals("2016-study")).containsExactly(CrimeStreamName.PATTERN_MESSAGE);
    assertThat(refusals("study.v2")).containsExactly(CrimeStreamName.PATTERN_MESSAGE);
    assertThat(refusals("study-")).containsExactly(CrimeStreamName.PATTERN_MESSAGE);
    assertThat(refusals(LONGEST + "7")).containsExactly(CrimeStreamName.LENGTH_MESSAGE);
    assertThat(refusals("2016." + LONGEST)).containsExactlyInAnyOrder(
        CrimeStreamName.PATTERN_MESSAGE, CrimeStreamName.LENGTH_MESSAGE);
    // the controller says the same of each
    for (String name : List.of("2016-study", "study.v2", "study-", LONGEST + "7")) {
      assertThat(CrimeStreamName.problems(name)).as(name).hasSameSizeAs(refusals(name));
    }
  }

  @Test
  void theChartsExampleNameFollowsTheRuleToo() throws Exception {
    JsonNode name = Manifests.YAML.readTree(Repo.CHART.resolve("values.schema.json").toFile())
        .path("properties").path("example").path("properties").path("name");
    assertThat(name.path("pattern").asText()).isEqualTo(CrimeStreamName.PATTERN);
    assertThat(name.path("maxLength").asInt()).isEqualTo(CrimeStreamName.MAX_LENGTH);
  }
}
