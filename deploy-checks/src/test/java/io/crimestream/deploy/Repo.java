package io.crimestream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files and the Maven properties the build hands to the tests. */
final class Repo {

  static final Path ROOT = Path.of(System.getProperty("crimestream.projectRoot", ".."))
      .toAbsolutePath().normalize();
  static final Path CHART = ROOT.resolve("helm/crimestream");
  static final Path K8S = ROOT.resolve("k8s");

  /** The release the plain manifests under k8s/ are the rendering of. */
  static final String RELEASE = "crimestream";
  static final String NAMESPACE = "crimestream";

  private Repo() {}

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  static String read(String relative) {
    return read(path(relative));
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Maven property passed by surefire (see deploy-checks/pom.xml). */
  static String mavenProperty(String name) {
    String value = System.getProperty("crimestream." + name);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      throw new IllegalStateException("system property crimestream." + name
          + " is not set: run the tests through Maven (./mvnw -pl deploy-checks verify)");
    }
    return value;
  }
}
