package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.ControllerMain;
import io.crimestream.controller.command.SparkSubmitCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three Dockerfiles, read without a Docker engine: one shared build stage, the base images the
 * build's versions call for, the entrypoints and users the controller's pods rely on, and the
 * streaming image's jar selection (hack/select-job-jars.sh) run on the Spark 4.2.0 image's jars.
 */
class ImagesTest {

  static final List<String> IMAGES = List.of("controller", "producer", "streaming-job");

  @Test
  void theThreeDockerfilesShareTheirBuildStageWordForWord() {
    Dockerfile controller = Dockerfile.of("controller");
    for (String image : IMAGES) {
      Dockerfile dockerfile = Dockerfile.of(image);
      assertThat(dockerfile.globalArgs()).as(image).isEqualTo(controller.globalArgs());
      assertThat(dockerfile.stage("build")).as("%s's build stage", image)
          .isEqualTo(controller.stage("build"));
    }
  }

  @Test
  void theBuildStageRunsTheWrappersMavenOnTheProjectsJava() {
    Matcher wrapper = Pattern.compile("apache-maven-([0-9.]+)-bin\\.zip")
        .matcher(Repo.read(".mvn/wrapper/maven-wrapper.properties"));
    assertThat(wrapper.find()).isTrue();
    assertThat(Dockerfile.of("controller").stage("build").base()).isEqualTo("maven:"
        + wrapper.group(1) + "-eclipse-temurin-" + Repo.mavenProperty("javaRelease"));
    assertThat(Dockerfile.of("controller").globalArgs().get("JRE_IMAGE"))
        .startsWith("eclipse-temurin:" + Repo.mavenProperty("javaRelease") + "-jre");
  }

  @Test
  void theStreamingImageIsTheOfficialSparkImageOfTheBuildsSparkVersion() {
    Dockerfile job = Dockerfile.of("streaming-job");
    String spark = "apache/spark:" + Repo.mavenProperty("sparkVersion") + "-scala"
        + Repo.mavenProperty("scalaBinaryVersion") + "-java" + Repo.mavenProperty("javaRelease")
        + "-ubuntu";

    assertThat(job.globalArgs().get("SPARK_IMAGE")).isEqualTo(spark);
    assertThat(job.image().base()).isEqualTo(spark);
    assertThat(job.stage("jars").base()).isEqualTo(spark);
    // Spark's entrypoint stays: executors are started through it
    assertThat(job.image().all("ENTRYPOINT")).isEmpty();
    assertThat(job.image().all("CMD")).isEmpty();
    // the jars land where spark-submit and extraClassPath look for them
    assertThat(job.image().all("COPY"))
        .contains("--from=jars " + SparkSubmitCommand.JARS_DIR + "/ " + SparkSubmitCommand.JARS_DIR
            + "/");
    String applicationJar = SparkSubmitCommand.APPLICATION_JAR.substring("local://".length());
    assertThat(job.stage("jars").all("COPY"))
        .contains("hack/select-job-jars.sh /tmp/select-job-jars.sh");
    assertThat(job.stage("jars").all("RUN")).singleElement().asString()
        .startsWith("bash /tmp/select-job-jars.sh /tmp/job/deps /opt/spark/jars "
            + SparkSubmitCommand.JARS_DIR + " ")
        .endsWith(" " + applicationJar);
    assertThat(job.image().all("RUN")).as("nothing installed over Spark's image").isEmpty();
  }

  @Test
  void theProducerImageRunsTheProducerWithTheArgumentsItIsGiven() {
    Dockerfile producer = Dockerfile.of("producer");
    List<String> entrypoint = producer.image().execForm("ENTRYPOINT").orElseThrow();
    Matcher main = Pattern.compile("<mainClass>([^<]+)</mainClass>")
        .matcher(Repo.read("producer/pom.xml"));
    assertThat(main.find()).isTrue();

    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint).containsSubsequence("-cp", "/opt/crimestream/lib/*");
    assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(main.group(1));
    // the controller's Jobs give arguments only: a CMD would be replaced anyway
    assertThat(producer.image().all("CMD")).isEmpty();
    assertThat(producer.image().all("COPY")).contains("--from=build /out/producer/lib/"
        + " /opt/crimestream/lib/");
  }

  @Test
  void theControllerImageRunsControllerMain() {
    Dockerfile controller = Dockerfile.of("controller");
    List<String> entrypoint = controller.image().execForm("ENTRYPOINT").orElseThrow();

    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint).containsSubsequence("-cp", "/opt/crimestream/lib/*");
    assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(ControllerMain.class.getName());
  }

  @Test
  void theBuildContextKeepsTheSourcesAndLeavesOutTheRest() {
    List<String> ignored = Repo.read(".dockerignore").lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(ignored).contains("**/target", ".git", "!hack/select-job-jars.sh");
    Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Repo.read("pom.xml"));
    List<String> needed = new ArrayList<>(List.of("pom.xml", ".mvn"));
    while (modules.find()) {
      needed.add(modules.group(1));
    }
    assertThat(needed).hasSizeGreaterThan(2);
    for (String path : needed) {
      assertThat(ignored).as("the build needs %s", path)
          .doesNotContain(path, path + "/", "/" + path, path + "/**", "*");
    }
  }

  /**
   * The streaming image's selection, run as its Dockerfile runs it, on the job's real runtime
   * dependencies and the jars of the Spark 4.2.0 image.
   */
  @Test
  void theSparkImageGetsTheKafkaConnectorAndNothingSparkAlreadyHas(@TempDir Path tmp)
      throws Exception {
    Path deps = runtimeDependencies(tmp.resolve("deps"));
    Path sparkJars = sparkJars(tmp.resolve("spark-jars"));
    Path selected = tmp.resolve("selected");

    Result result = selectJobJars(deps, sparkJars, selected);
    assertThat(result.exitCode()).as(result.output()).isZero();

    Set<String> added = artifactsOf(selected, deps);
    assertThat(added).contains("spark-sql-kafka-0-10_2.13", "spark-token-provider-kafka-0-10_2.13",
        "kafka-clients", "commons-pool2", "crime-record", "kafka-connection", "metrics-report",
        "picocli");
    assertThat(added).noneMatch(a -> a.startsWith("spark-core") || a.startsWith("spark-sql_")
        || a.startsWith("scala-") || a.startsWith("jackson-") || a.startsWith("kubernetes-")
        || a.startsWith("log4j-") || a.startsWith("netty-") || a.startsWith("hadoop-"));
    // every dependency is in the image: Spark's jars or ours (Fabric8's client being Spark's)
    java.util.function.Predicate<String> inSpark = artifact -> inSpark(sparkJars, artifact);
    assertThat(Stream.of("spark-core_2.13", "spark-sql_2.13", "scala-library",
        "jackson-databind", "guava", "log4j-1.2-api", "kubernetes-client",
        "kubernetes-httpclient-vertx")).allMatch(inSpark);
    assertThat(Stream.of("spark-sql-kafka-0-10_2.13", "kafka-clients", "commons-pool2"))
        .noneMatch(inSpark);
    try (Stream<Path> jars = Files.walk(deps)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        String artifact = jar.getParent().getParent().getFileName().toString();
        String group = deps.relativize(jar.getParent().getParent().getParent()).toString()
            .replace('/', '.');
        assertThat(added.contains(artifact) || inSpark.test(artifact)
            || group.startsWith("io.fabric8")).as("%s:%s in the image", group, artifact).isTrue();
        assertThat(added.contains(artifact) && inSpark.test(artifact))
            .as("%s both in Spark and added", artifact).isFalse();
      }
    }
  }

  @Test
  void theSelectionRefusesToMixFabric8Versions(@TempDir Path tmp) throws Exception {
    Path deps = tmp.resolve("deps");
    Path jar = deps.resolve("io/fabric8/kubernetes-client-api/7.5.2")
        .resolve("kubernetes-client-api-7.5.2.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "");
    Path sparkJars = Files.createDirectories(tmp.resolve("spark-jars"));
    Files.writeString(sparkJars.resolve("spark-core_2.13-4.2.0.jar"), "");

    Result result = selectJobJars(deps, sparkJars, tmp.resolve("selected"));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("kubernetes-client-api", "must not be mixed");
  }

  record Result(int exitCode, String output) {}

  static Result selectJobJars(Path deps, Path sparkJars, Path dest) throws Exception {
    Process process = new ProcessBuilder("bash", Repo.path("hack/select-job-jars.sh").toString(),
        deps.toString(), sparkJars.toString(), dest.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), output);
  }

  /**
   * The job's runtime dependencies (streaming-job/target/runtime-classpath.txt), laid out as the
   * image build's copy-dependencies lays them out: Maven's repository layout.
   */
  static Path runtimeDependencies(Path into) throws IOException {
    Path classpath = Repo.path("streaming-job/target/runtime-classpath.txt");
    assertThat(classpath).as("build the streaming job first (./mvnw install -DskipTests)")
        .isRegularFile();
    String version = Repo.mavenProperty("projectVersion");
    for (String entry : Repo.read(classpath).strip().split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      String relative;
      int repository = entry.indexOf("/repository/");
      if (repository >= 0) {
        relative = entry.substring(repository + "/repository/".length());
      } else {
        // a module of this build: <module>/target/<module>-<version>.jar
        String module = jar.getParent().getParent().getFileName().toString();
        relative = "io/crimestream/" + module + "/" + version + "/" + jar.getFileName();
      }
      Path target = into.resolve(relative);
      Files.createDirectories(target.getParent());
      Files.writeString(target, "");
    }
    return into;
  }

  static Path sparkJars(Path into) throws IOException {
    Files.createDirectories(into);
    try (Stream<String> lines = Files.lines(Path.of(resource("spark-4.2.0-jars.txt")))) {
      for (String line : lines.map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
        Files.writeString(into.resolve(line), "");
      }
    }
    return into;
  }

  private static String resource(String name) {
    try {
      return Path.of(ImagesTest.class.getResource("/" + name).toURI()).toString();
    } catch (Exception e) {
      throw new IllegalStateException(name, e);
    }
  }

  /** Artifact ids of the jars copied to {@code dir}, known by their place under {@code deps}. */
  static Set<String> artifactsOf(Path dir, Path deps) throws IOException {
    java.util.Map<String, String> artifactOfFile = new java.util.HashMap<>();
    try (Stream<Path> jars = Files.walk(deps)) {
      jars.filter(p -> p.toString().endsWith(".jar")).forEach(jar -> artifactOfFile.put(
          jar.getFileName().toString(), jar.getParent().getParent().getFileName().toString()));
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> {
        String artifact = artifactOfFile.get(f.getFileName().toString());
        assertThat(artifact).as("%s comes from the dependencies", f).isNotNull();
        return artifact;
      }).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Whether Spark's jars hold the artifact: a file ARTIFACT-<digit>...jar, as the script asks. */
  static boolean inSpark(Path sparkJars, String artifact) {
    try (Stream<Path> files = Files.list(sparkJars)) {
      String prefix = artifact + "-";
      return files.map(f -> f.getFileName().toString()).anyMatch(f -> f.startsWith(prefix)
          && f.length() > prefix.length() && Character.isDigit(f.charAt(prefix.length()))
          && f.endsWith(".jar"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
