package io.crimestream.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRD the build generates, applied to a value as the API server applies a structural
 * schema: defaults first, then the type, required properties, pattern (searched, as OpenAPI
 * patterns are: the CRD's are anchored), length, numeric bounds, item counts, each property and
 * item in turn, and the {@code x-kubernetes-validations} CEL rules of every node on the way.
 * The patterns are RE2-compatible, so Java's regular expressions read them alike; the CEL rules
 * run on Google's CEL for Java with the one Kubernetes library function they use,
 * {@code find}.
 *
 * <p>Values are what the API server sees in JSON: {@code Map<String, Object>}, {@code List},
 * {@code String}, {@code Boolean}, {@code Long} and {@code Double}.
 */
public final class CrdSchema {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JSONSchemaProps root;
  private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
      // has(), all(), exists_one(): the macros every API server's CEL has
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("find",
          CelOverloadDecl.newMemberOverload("string_find_string", SimpleType.STRING,
              SimpleType.STRING, SimpleType.STRING)))
      .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
      .addFunctionBindings(CelFunctionBinding.from("string_find_string", String.class,
          String.class, CrdSchema::find))
      .build();
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  private CrdSchema(JSONSchemaProps root) {
    this.root = root;
  }

  /** The schema of {@link MockCluster#GENERATED_CRD}, the CRD as the build wrote it. */
  public static CrdSchema generated() throws IOException {
    CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(
        Files.readString(MockCluster.GENERATED_CRD), CustomResourceDefinition.class);
    return new CrdSchema(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
  }

  /**
   * The schema node at {@code path}, e.g. {@code spec.spark.triggerInterval}; {@code []} steps
   * into an array's items ({@code spec.months[]}).
   */
  public JSONSchemaProps at(String path) {
    JSONSchemaProps node = root;
    for (String step : path.split("\\.")) {
      boolean items = step.endsWith("[]");
      String name = items ? step.substring(0, step.length() - 2) : step;
      node = node.getProperties().get(name);
      if (node == null) {
        throw new IllegalArgumentException("the CRD has no " + path + " (no " + name + ")");
      }
      if (items) {
        node = node.getItems().getSchema();
      }
    }
    return node;
  }

  /** Why the API server would refuse {@code value} at {@code path}; empty if it accepts it. */
  public List<String> errors(String path, Object value) {
    List<String> errors = new ArrayList<>();
    validate(at(path), path, value, errors);
    return errors;
  }

  public boolean accepts(String path, Object value) {
    return errors(path, value).isEmpty();
  }

  /** The default the schema gives {@code path}, as JSON would carry it, or null. */
  public Object defaultOf(String path) {
    JsonNode d = at(path).getDefault();
    return d == null ? null : normalize(JSON.convertValue(d, Object.class));
  }

  @SuppressWarnings("unchecked")
  private void validate(JSONSchemaProps schema, String where, Object value, List<String> errors) {
    String type = schema.getType();
    switch (type) {
      case "string" -> {
        if (!(value instanceof String s)) {
          errors.add(where + ": must be of type string");
          return;
        }
        int length = s.codePointCount(0, s.length());
        if (schema.getPattern() != null
            && !Pattern.compile(schema.getPattern()).matcher(s).find()) {
          errors.add(where + ": should match '" + schema.getPattern() + "'");
        }
        if (schema.getMaxLength() != null && length > schema.getMaxLength()) {
          errors.add(where + ": may not be longer than " + schema.getMaxLength());
        }
        if (schema.getMinLength() != null && length < schema.getMinLength()) {
          errors.add(where + ": should be at least " + schema.getMinLength() + " chars long");
        }
      }
      case "integer", "number" -> {
        boolean integer = value instanceof Long || value instanceof Integer;
        if (!(value instanceof Number n) || (type.equals("integer") && !integer)) {
          errors.add(where + ": must be of type " + type);
          return;
        }
        double d = n.doubleValue();
        if (schema.getMinimum() != null && (d < schema.getMinimum()
            || (Boolean.TRUE.equals(schema.getExclusiveMinimum()) && d == schema.getMinimum()))) {
          errors.add(where + ": should be greater than "
              + (Boolean.TRUE.equals(schema.getExclusiveMinimum()) ? "" : "or equal to ")
              + schema.getMinimum());
        }
        if (schema.getMaximum() != null && (d > schema.getMaximum()
            || (Boolean.TRUE.equals(schema.getExclusiveMaximum()) && d == schema.getMaximum()))) {
          errors.add(where + ": should be less than "
              + (Boolean.TRUE.equals(schema.getExclusiveMaximum()) ? "" : "or equal to ")
              + schema.getMaximum());
        }
      }
      case "boolean" -> {
        if (!(value instanceof Boolean)) {
          errors.add(where + ": must be of type boolean");
          return;
        }
      }
      case "array" -> {
        if (!(value instanceof List<?> list)) {
          errors.add(where + ": must be of type array");
          return;
        }
        if (schema.getMinItems() != null && list.size() < schema.getMinItems()) {
          errors.add(where + ": should have at least " + schema.getMinItems() + " items");
        }
        if (schema.getMaxItems() != null && list.size() > schema.getMaxItems()) {
          errors.add(where + ": must have at most " + schema.getMaxItems() + " items");
        }
        for (int i = 0; i < list.size(); i++) {
          validate(schema.getItems().getSchema(), where + "[" + i + "]", list.get(i), errors);
        }
      }
      case "object" -> {
        if (!(value instanceof Map<?, ?> given)) {
          errors.add(where + ": must be of type object");
          return;
        }
        Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) given);
        schema.getProperties().forEach((name, property) -> {
          if (!object.containsKey(name) && property.getDefault() != null) {
            object.put(name, normalize(JSON.convertValue(property.getDefault(), Object.class)));
          }
        });
        for (String name : schema.getRequired()) {
          if (!object.containsKey(name)) {
            errors.add(where + "." + name + ": Required value");
          }
        }
        object.forEach((name, v) -> {
          JSONSchemaProps property = schema.getProperties().get(name);
          if (property != null) {
            validate(property, where + "." + name, v, errors);
          }
        });
        value = object;
      }
      default -> throw new IllegalStateException(where + ": type " + type + " is not handled here");
    }
    for (ValidationRule rule : schema.getXKubernetesValidations()) {
      if (!passes(rule.getRule(), value)) {
        errors.add(where + ": " + rule.getMessage());
      }
    }
  }

  /** A rule that cannot be evaluated (a runtime error) refuses the value, as the API server's. */
  private boolean passes(String rule, Object self) {
    CelRuntime.Program program = programs.computeIfAbsent(rule, r -> {
      try {
        CelAbstractSyntaxTree ast = compiler.compile(r).getAst();
        return runtime.createProgram(ast);
      } catch (Exception e) {
        throw new IllegalStateException("the CRD's rule does not compile: " + r, e);
      }
    });
    try {
      return Boolean.TRUE.equals(program.eval(Map.of("self", self)));
    } catch (CelEvaluationException e) {
      return false;
    }
  }

  /** Kubernetes' {@code find}: the first match of the regular expression, else empty. */
  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group() : "";
  }

  /** JSON numbers as the API server's CEL sees them: integers as Long. */
  private static Object normalize(Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CrdSchema::normalize).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, normalize(v)));
      return out;
    }
    return value;
  }
}
