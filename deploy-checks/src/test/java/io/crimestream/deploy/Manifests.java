package io.crimestream.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.crimestream.controller.api.CrimeStream;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rendered manifests, read strictly: every document must be a kind the Kubernetes model (or
 * Strimzi's, the Prometheus Operator's or CrimeStream's) knows, and every field written must be a field of that kind, of the
 * right type. Fabric8's and Strimzi's models keep unknown fields in a side map instead of failing,
 * so each object is read into its type, written back without that side map, and compared with
 * what was written: a field that did not survive the trip is unknown to the API.
 */
final class Manifests {

  static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  static {
    KUBERNETES.registerKubernetesResource("kafka.strimzi.io/v1", "Kafka", Kafka.class);
    KUBERNETES.registerKubernetesResource("kafka.strimzi.io/v1", "KafkaNodePool",
        KafkaNodePool.class);
    KUBERNETES.registerKubernetesResource(CrimeStream.class);
    // Fabric8's monitoring model registers itself through its service file; named here so that a
    // missing test dependency fails at once, not as an unknown kind
    KUBERNETES.registerKubernetesResource(PodMonitor.class);
    KUBERNETES.registerKubernetesResource(PrometheusRule.class);
  }

  /**
   * Reads and writes YAML. Quotes are left out where YAML needs none, except around strings that
   * read as numbers: an env value "8080" written bare would come back as a number, which the API
   * server refuses for a string field.
   */
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

  /** Writes a typed object back with its known fields only (no additionalProperties). */
  private static final ObjectMapper KNOWN_FIELDS = JsonMapper.builder()
      .annotationIntrospector(new JacksonAnnotationIntrospector() {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasAnyGetter(Annotated annotated) {
          return Boolean.FALSE;
        }
      })
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private Manifests() {}

  /** Every document of a multi-document YAML text; empty ones (only comments) left out. */
  static List<JsonNode> documents(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isMissingNode()
            && !(document.isObject() && document.isEmpty())) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML: " + e.getMessage(), e);
    }
    return documents;
  }

  /** "Kind namespace/name", to name a document in messages and as a key. */
  static String id(JsonNode document) {
    JsonNode metadata = document.path("metadata");
    String namespace = metadata.path("namespace").asText("");
    return document.path("apiVersion").asText() + " " + document.path("kind").asText() + " "
        + (namespace.isEmpty() ? "" : namespace + "/") + metadata.path("name").asText();
  }

  /**
   * The document as its Kubernetes type.
   *
   * @throws AssertionError naming the document and every unknown kind, field or wrong type
   */
  static HasMetadata strict(JsonNode document) {
    String apiVersion = document.path("apiVersion").asText("");
    String kind = document.path("kind").asText("");
    if (apiVersion.isEmpty() || kind.isEmpty() || document.path("metadata").path("name")
        .asText("").isEmpty()) {
      throw new AssertionError("a document without apiVersion, kind or metadata.name: "
          + document);
    }
    Class<? extends KubernetesResource> type =
        KUBERNETES.getRegisteredKubernetesResource(apiVersion, kind);
    if (type == null || type == GenericKubernetesResource.class) {
      throw new AssertionError(id(document) + ": no such kind in the Kubernetes API (nor"
          + " Strimzi's v1 Kafka/KafkaNodePool, nor the Prometheus Operator's"
          + " monitoring.coreos.com/v1, nor CrimeStream)");
    }
    HasMetadata typed;
    try {
      typed = (HasMetadata) KUBERNETES.convertValue(document, type);
    } catch (IllegalArgumentException e) {
      throw new AssertionError(id(document) + " (" + type.getName() + "):\n  "
          + readingProblem(e), e);
    }
    JsonNode known = KNOWN_FIELDS.valueToTree(typed);
    List<String> problems = new ArrayList<>();
    compare(document, known, "", problems);
    if (!problems.isEmpty()) {
      throw new AssertionError(id(document) + " (" + type.getName() + "):\n  "
          + String.join("\n  ", problems));
    }
    return typed;
  }

  /** Where Jackson stopped reading, as a field path, and why. */
  private static String readingProblem(IllegalArgumentException e) {
    if (!(e.getCause() instanceof JsonMappingException mapping)) {
      return e.getMessage();
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : mapping.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    String why = mapping instanceof UnrecognizedPropertyException ? "no such field"
        : mapping.getOriginalMessage();
    return (path.isEmpty() ? "(the document)" : path) + ": " + why;
  }

  /** Every document, strictly; see {@link #strict(JsonNode)}. */
  static List<HasMetadata> strict(List<JsonNode> documents) {
    return documents.stream().map(Manifests::strict).toList();
  }

  private static void compare(JsonNode written, JsonNode read, String path,
                              List<String> problems) {
    if (written.isObject()) {
      if (!read.isObject()) {
        problems.add(where(path) + ": an object where the API has " + read.getNodeType());
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = written.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String at = path + "." + field.getKey();
        if (path.isEmpty() && (field.getKey().equals("apiVersion")
            || field.getKey().equals("kind"))) {
          // the type was found by these two; a model class may serve several versions
          continue;
        }
        if (!read.has(field.getKey())) {
          problems.add(where(at) + ": no such field" + (field.getValue().isNull()
              ? " (or a field left empty)" : ""));
        } else {
          compare(field.getValue(), read.get(field.getKey()), at, problems);
        }
      }
    } else if (written.isArray()) {
      if (!read.isArray() || read.size() != written.size()) {
        problems.add(where(path) + ": a list of " + written.size() + " read as " + read);
        return;
      }
      for (int i = 0; i < written.size(); i++) {
        compare(written.get(i), read.get(i), path + "[" + i + "]", problems);
      }
    } else if (!sameScalar(written, read)) {
      problems.add(where(path) + ": " + written + " (" + written.getNodeType()
          + ") is read as " + read + " (" + read.getNodeType() + ")");
    }
  }

  private static boolean sameScalar(JsonNode written, JsonNode read) {
    if (written.isNumber() && read.isNumber()) {
      return written.decimalValue().compareTo(read.decimalValue()) == 0;
    }
    if (written.isNumber() && read.isTextual()) {
      // an int-or-string or a quantity: the API takes the number as written
      return written.asText().equals(read.asText());
    }
    return written.equals(read);
  }

  private static String where(String path) {
    return path.isEmpty() ? "(the document)" : path.substring(1);
  }

  /** Writes documents as one multi-document YAML text. */
  static String toYaml(List<JsonNode> documents) {
    StringBuilder out = new StringBuilder();
    for (JsonNode document : documents) {
      try {
        out.append("---\n").append(YAML.writeValueAsString(document));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toString();
  }

  /**
   * Whether two objects say the same: equal trees, numbers compared by value (kustomize writes
   * the CRD generator's 1.0 as 1, which the API server reads alike).
   */
  static boolean sameContent(JsonNode a, JsonNode b) {
    return a.equals((x, y) -> {
      if (x.isNumber() && y.isNumber()) {
        return x.decimalValue().compareTo(y.decimalValue());
      }
      return x.equals(y) ? 0 : 1;
    }, b);
  }

  /** A deep copy, for normalizing without touching the original. */
  static ObjectNode copy(JsonNode document) {
    return (ObjectNode) document.deepCopy();
  }
}
