package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.testing.MockCluster;
import io.crimestream.options.TopicName;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated CRD, the copies the chart and the manifests ship, and the examples. */
class CrdTest {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final Path ROOT = Path.of(System.getProperty("crimestream.projectRoot", ".."));
  private static final String FILE = MockCluster.GENERATED_CRD.getFileName().toString();
  static final List<Path> COPIES = List.of(
      ROOT.resolve("helm/crimestream/crds").resolve(FILE),
      ROOT.resolve("k8s/base/crds").resolve(FILE));

  private static CustomResourceDefinition crd() throws IOException {
    return YAML.unmarshal(Files.readString(MockCluster.GENERATED_CRD),
        CustomResourceDefinition.class);
  }

  /**
   * The API server compiles every pattern with Go's RE2, which has no lookaround or
   * backreferences: a pattern Java accepts and RE2 refuses makes the whole CRD unappliable.
   */
  @Test
  void everyPatternIsOneTheApiServersRegularExpressionsCompile() throws IOException {
    List<String> patterns = new java.util.ArrayList<>();
    collectPatterns(crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema(), patterns);
    assertThat(patterns).hasSizeGreaterThan(10);
    for (String pattern : patterns) {
      com.google.re2j.Pattern.compile(pattern); // throws PatternSyntaxException, naming it
    }
  }

  private static void collectPatterns(JSONSchemaProps schema, List<String> into) {
    if (schema == null) {
      return;
    }
    if (schema.getPattern() != null) {
      into.add(schema.getPattern());
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(p -> collectPatterns(p, into));
    }
    if (schema.getItems() != null) {
      collectPatterns(schema.getItems().getSchema(), into);
    }
    if (schema.getAdditionalProperties() != null) {
      collectPatterns(schema.getAdditionalProperties().getSchema(), into);
    }
  }

  @Test
  void theShippedCopiesAreTheGeneratedCrd() throws IOException {
    String generated = Files.readString(MockCluster.GENERATED_CRD);
    for (Path copy : COPIES) {
      assertThat(Files.readString(copy))
          .as("%s has drifted from the CRD generated from the api package; refresh it with:"
              + " cp controller/%s %s", copy, MockCluster.GENERATED_CRD, ROOT.relativize(copy))
          .isEqualTo(generated);
    }
  }

  @Test
  void definesANamespacedResourceWithAStatusAndTheColumnsUsersRead() throws IOException {
    CustomResourceDefinition crd = crd();
    assertThat(crd.getMetadata().getName()).isEqualTo("crimestreams.crimestream.io");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("cs");
    CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
    assertThat(v.getName()).isEqualTo("v1alpha1");
    assertThat(v.getSubresources().getStatus()).isNotNull();
    assertThat(v.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
        .containsExactlyInAnyOrder("Months", "Phase", "Batches", "Rows", "Best", "AUC", "Champion",
            "Version", "Age");
  }

  @Test
  void theSchemaRefusesMalformedMonthsAndTopics() throws IOException {
    JSONSchemaProps spec = crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
        .getProperties().get("spec");
    assertThat(spec.getRequired()).contains("months", "source", "kafka");
    JSONSchemaProps months = spec.getProperties().get("months");
    assertThat(months.getMinItems()).isEqualTo(1);
    Pattern month = Pattern.compile(months.getItems().getSchema().getPattern());
    assertThat(Stream.of("2016-05", "2018-12")).allMatch(m -> month.matcher(m).matches());
    assertThat(Stream.of("2016-13", "2016-5", "16-05", "2016-05-01"))
        .noneMatch(m -> month.matcher(m).matches());
    JSONSchemaProps topic = spec.getProperties().get("kafka").getProperties().get("topic");
    assertThat(topic.getPattern()).isEqualTo(TopicName.PATTERN);
    assertThat(spec.getProperties().get("source").getXKubernetesValidations()).singleElement()
        .satisfies(rule -> assertThat(rule.getRule()).contains("exists_one"));
  }

  static Stream<Path> examples() throws IOException {
    return Files.list(ROOT.resolve("k8s/examples")).filter(p -> p.toString().endsWith(".yaml"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAValidCrimeStream(Path example) throws Exception {
    CrimeStream cs = YAML.unmarshal(Files.readString(example), CrimeStream.class);
    cs.getMetadata().setNamespace("crimes");
    Pattern month = Pattern.compile(crd().getSpec().getVersions().get(0).getSchema()
        .getOpenAPIV3Schema().getProperties().get("spec").getProperties().get("months").getItems()
        .getSchema().getPattern());

    assertThat(cs.getSpec().getMonths()).allMatch(m -> month.matcher(m).matches());
    assertThat(PipelineSettings.of(cs, MockCluster.controllerConfig())).isNotNull();
  }

  @Test
  void theExamplesHoldTheStudysScenarioAndATwoMonthReplay() throws Exception {
    List<CrimeStream> all = examples().map(p -> {
      try {
        return YAML.unmarshal(Files.readString(p), CrimeStream.class);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();

    assertThat(all).anySatisfy(cs -> {
      assertThat(cs.getSpec().getMonths()).hasSize(1);
      assertThat(cs.getSpec().getProducer().getRowsPerSecond()).isEqualTo(1.0);
      assertThat(cs.getSpec().getProducer().getBatchRows()).isEqualTo(120);
    });
    assertThat(all).anySatisfy(cs -> {
      assertThat(cs.getSpec().getMonths()).hasSize(2);
      assertThat(cs.getSpec().getProducer().getReplay()).isTrue();
    });
  }
}
