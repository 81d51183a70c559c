package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The controller's packages stay what their names say and depend on each other one way:
 * {@code dependent/} holds dependent resources only, and no package reaches back into one that
 * reaches it, so that each can be read (and changed) knowing only those below it.
 */
class ControllerPackagesTest {

  private static final String BASE = "io.crimestream.controller";
  private static final Path SOURCES = Path.of(System.getProperty("crimestream.projectRoot", ".."))
      .resolve("controller/src/main/java/io/crimestream/controller");
  private static final Pattern IMPORT = Pattern.compile(
      "^import (?:static )?(" + Pattern.quote(BASE) + "[\\w.]*?)\\.[A-Z]\\w*(?:\\.\\w+)*;",
      Pattern.MULTILINE);

  @Test
  void dependentHoldsDependentResourcesOnly() throws Exception {
    List<String> others = new ArrayList<>();
    for (Path file : javaFiles(SOURCES.resolve("dependent"))) {
      String name = BASE + ".dependent." + file.getFileName().toString().replace(".java", "");
      if (!DependentResource.class.isAssignableFrom(Class.forName(name))) {
        others.add(name);
      }
    }
    assertThat(others).as("classes in dependent/ that are no dependent resource").isEmpty();
  }

  @Test
  void noPackageDependsOnOneThatDependsOnIt() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (Path file : javaFiles(SOURCES)) {
      String source = Files.readString(file);
      String own = packageOf(source);
      Set<String> used = uses.computeIfAbsent(own, p -> new TreeSet<>());
      Matcher m = IMPORT.matcher(source);
      while (m.find()) {
        if (!m.group(1).equals(own)) {
          used.add(m.group(1));
        }
      }
    }
    List<String> cycles = new ArrayList<>();
    uses.forEach((from, targets) -> targets.forEach(to -> {
      if (reaches(uses, to, from, new TreeSet<>())) {
        cycles.add(from + " -> " + to + " -> ... -> " + from);
      }
    }));
    assertThat(cycles).isEmpty();
  }

  private static boolean reaches(Map<String, Set<String>> uses, String from, String to,
                                 Set<String> seen) {
    if (from.equals(to)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    return uses.getOrDefault(from, Set.of()).stream().anyMatch(n -> reaches(uses, n, to, seen));
  }

  private static String packageOf(String source) {
    Matcher m = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(source);
    if (!m.find()) {
      throw new IllegalStateException("a source file without a package");
    }
    return m.group(1);
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
