package io.crimestream.controller.testing;

import io.crimestream.controller.command.SparkSubmitCommand;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs containers as child JVMs of this one, as a kubelet runs a container: the producer image's
 * entry point becomes {@code java -cp <producer classpath> ProducerMain}; the Spark image's
 * {@code spark-submit} (which the stand-in kubelet hands over without the {@code tini -s --} it
 * runs under in the pod) becomes {@code java <Spark's JVM options> -cp <job classpath> <main class>}
 * with Spark in local mode on two cores (there is no cluster to put executors on), the driver's
 * Java options, and the {@code --conf} settings as system properties, minus those that only mean
 * something on Kubernetes. Child JVMs keep Spark's Netty 4.2 away from the mock server's Vert.x (Netty 4.1).
 *
 * <p>The classpaths come from the build: {@code <module>/target/runtime-classpath.txt} (with
 * {@code <module>/target/classes} first), else the jar and {@code target/lib/} beside it.
 */
public final class ChildJvmRunner implements ContainerRunner {

  /** The producer image's entry point, as the stand-in kubelet is told. */
  public static final String PRODUCER_ENTRY_POINT = "producer";

  private final Path projectRoot;
  private final List<Map<String, String>> driverConfs = new CopyOnWriteArrayList<>();

  public ChildJvmRunner(Path projectRoot) {
    this.projectRoot = projectRoot;
  }

  /** The {@code --conf} settings of every driver started, as spark-submit was given them. */
  public List<Map<String, String>> driverConfs() {
    return List.copyOf(driverConfs);
  }

  @Override
  public Running start(ContainerLaunch launch) throws IOException {
    List<String> command = launch.command();
    List<String> jvm;
    if (command.get(0).equals(PRODUCER_ENTRY_POINT)) {
      jvm = new ArrayList<>(List.of(java(), "-Xmx512m", "-Djava.io.tmpdir=" + launch.workDir(),
          "-cp", classpath("producer"), "io.crimestream.producer.ProducerMain"));
      jvm.addAll(command.subList(1, command.size()));
    } else if (command.get(0).equals(SparkSubmitCommand.SPARK_SUBMIT)) {
      jvm = sparkDriver(launch);
    } else {
      throw new IOException("no way to run " + command.get(0) + " here");
    }
    return run(jvm, launch);
  }

  /**
   * Runs {@code command} as the launch's container: in its work folder, with only its
   * environment (and this machine's PATH), its output to its log.
   */
  public static Running run(List<String> command, ContainerLaunch launch) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(launch.workDir().toFile())
        .redirectErrorStream(true).redirectOutput(launch.log().toFile());
    Map<String, String> env = pb.environment();
    String path = env.get("PATH");
    env.clear();
    if (path != null) {
      env.put("PATH", path);
    }
    env.putAll(launch.env());
    Process process = pb.start();
    return new Running() {
      @Override
      public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
      }

      @Override
      public String terminationMessage() {
        try {
          String written = Files.readString(launch.terminationLog()).strip();
          if (!written.isEmpty() || process.exitValue() == 0
              || !"FallbackToLogsOnError".equals(
              launch.container().getTerminationMessagePolicy())) {
            return written;
          }
          // like the kubelet: the log's last 80 lines, at most 2048 bytes
          List<String> lines = Files.readAllLines(launch.log(), StandardCharsets.UTF_8);
          String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 80),
              lines.size()));
          return tail.length() > 2048 ? tail.substring(tail.length() - 2048) : tail;
        } catch (IOException e) {
          return "cannot read the termination message: " + e.getMessage();
        }
      }

      @Override
      public void kill() {
        process.destroy();
        try {
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
        }
      }
    };
  }

  private List<String> sparkDriver(ContainerLaunch launch) throws IOException {
    List<String> args = launch.command().subList(1, launch.command().size());
    Map<String, String> conf = new LinkedHashMap<>();
    String mainClass = null;
    String appName = null;
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("--")) {
      String option = args.get(i);
      String value = args.get(i + 1);
      switch (option) {
        case "--class" -> mainClass = value;
        case "--name" -> appName = value;
        case "--conf" -> {
          int eq = value.indexOf('=');
          conf.put(value.substring(0, eq), value.substring(eq + 1));
        }
        case "--master", "--deploy-mode" -> conf.put(option.equals("--master") ? "spark.master"
            : "spark.submit.deployMode", value);
        default -> throw new IOException("spark-submit option " + option + " is not handled here");
      }
      i += 2;
    }
    if (mainClass == null || i >= args.size()) {
      throw new IOException("spark-submit without --class or application jar: " + args);
    }
    driverConfs.add(Map.copyOf(conf));
    List<String> appArgs = args.subList(i + 1, args.size());

    List<String> jvm = new ArrayList<>();
    jvm.add(java());
    jvm.addAll(Arrays.asList(System.getProperty("crimestream.sparkJvmOptions", "").trim()
        .split("\\s+")));
    jvm.add("-Xmx" + conf.getOrDefault("spark.driver.memory", "1g"));
    jvm.add("-Djava.io.tmpdir=" + launch.workDir());
    jvm.add("-Dspark.master=local[2]");
    jvm.add("-Dspark.ui.enabled=false");
    jvm.add("-Dspark.app.name=" + appName);
    // the JVM options Spark's launcher gives a client-mode driver, in its order
    for (String key : List.of("spark.driver.defaultJavaOptions", "spark.driver.extraJavaOptions")) {
      if (conf.containsKey(key)) {
        jvm.addAll(Arrays.asList(conf.get(key).trim().split("\\s+")));
      }
    }
    conf.forEach((k, v) -> {
      if (!kubernetesOnly(k)) {
        jvm.add("-D" + k + "=" + v);
      }
    });
    jvm.addAll(List.of("-cp", classpath("streaming-job"), mainClass));
    jvm.addAll(appArgs);
    return jvm;
  }

  /** Settings that place the driver and executors on Kubernetes: meaningless in local mode. */
  private static boolean kubernetesOnly(String key) {
    return key.startsWith("spark.kubernetes.") || key.startsWith("spark.executor.")
        || key.equals("spark.master") || key.equals("spark.submit.deployMode")
        || key.startsWith("spark.driver.");
  }

  private String classpath(String module) throws IOException {
    Path target = projectRoot.resolve(module).resolve("target");
    Path file = target.resolve("runtime-classpath.txt");
    if (Files.isRegularFile(file)) {
      return target.resolve("classes") + File.pathSeparator + Files.readString(file).strip();
    }
    Path lib = target.resolve("lib");
    if (Files.isDirectory(lib)) {
      return target.resolve("classes") + File.pathSeparator + lib + File.separator + "*";
    }
    throw new IOException("no runtime classpath for " + module + ": build it first (expected "
        + file + " or " + lib + ")");
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
