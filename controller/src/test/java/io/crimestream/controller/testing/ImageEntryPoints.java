package io.crimestream.controller.testing;

import io.crimestream.controller.command.SparkSubmitCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the project's images as local processes for the {@link NodeKubelet}, each command as the
 * image would run it, translated to this machine:
 *
 * <ul>
 *   <li>the streaming-job image's {@code /opt/spark/bin/spark-submit ...} (the driver): Spark's
 *       launcher's command, {@code java -cp <driver extraClassPath>:$SPARK_HOME/jars/*
 *       org.apache.spark.deploy.SparkSubmit} with the arguments exactly as the pod has them, so
 *       the driver runs in Kubernetes client mode against the API server and creates its
 *       executors itself;</li>
 *   <li>the same image's {@code executor} (a pod Spark created): what the image's
 *       {@code /opt/entrypoint.sh executor} runs, {@code java $SPARK_JAVA_OPT_* -Xmx... -cp ...
 *       KubernetesExecutorBackend --driver-url $SPARK_DRIVER_URL ...} from the pod's
 *       environment;</li>
 *   <li>the producer image: as {@link ChildJvmRunner} runs it.</li>
 * </ul>
 *
 * <p>The image's file system is {@link #imageRoot()}: {@code opt/spark/jars} and
 * {@code opt/crimestream/jars} hold links to the jars the job image has (the job-image-classpath
 * module's list: the job, Spark with its Kubernetes support, Spark's Fabric8 client). Every JVM
 * resolves names through the node's hosts file, where the driver's headless Service is.
 */
public final class ImageEntryPoints implements ContainerRunner {

  public static final String EXECUTOR_BACKEND =
      "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend";
  private static final String SPARK_HOME = "/opt/spark";

  private final String sparkImage;
  private final String producerImage;
  private final ChildJvmRunner producer;
  private final Path imageRoot;
  private final Path hostsFile;

  /**
   * @param hostsFile the node's name resolution ({@link NodeKubelet#hostsFile()})
   */
  public ImageEntryPoints(Path projectRoot, String sparkImage, String producerImage,
                          Path imageRoot, Path hostsFile) throws IOException {
    this.sparkImage = sparkImage;
    this.producerImage = producerImage;
    this.producer = new ChildJvmRunner(projectRoot);
    this.imageRoot = imageRoot;
    this.hostsFile = hostsFile;
    layOutJars(projectRoot, imageRoot);
  }

  public Path imageRoot() {
    return imageRoot;
  }

  @Override
  public Running start(ContainerLaunch launch) throws IOException {
    List<String> command = launch.command();
    if (launch.image().equals(producerImage)) {
      List<String> withEntryPoint = new ArrayList<>(List.of(ChildJvmRunner.PRODUCER_ENTRY_POINT));
      withEntryPoint.addAll(command);
      return producer.start(new ContainerLaunch(launch.pod(), launch.container(),
          withEntryPoint, launch.env(), launch.workDir(), launch.terminationLog(), launch.log()));
    }
    if (!launch.image().equals(sparkImage)) {
      throw new IOException("no way to run image " + launch.image() + " here");
    }
    if (!command.isEmpty() && command.get(0).equals(SparkSubmitCommand.SPARK_SUBMIT)) {
      return ChildJvmRunner.run(driver(launch), launch);
    }
    if (command.equals(List.of("executor"))) {
      return ChildJvmRunner.run(executor(launch), launch);
    }
    throw new IOException("the Spark image's entry point does not run " + command);
  }

  /** bin/spark-submit, as Spark's launcher turns it into a JVM. */
  private List<String> driver(ContainerLaunch launch) {
    List<String> args = launch.command().subList(1, launch.command().size());
    Map<String, String> conf = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals("--conf")) {
        String kv = args.get(i + 1);
        int eq = kv.indexOf('=');
        conf.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    List<String> jvm = new ArrayList<>();
    jvm.add(ChildJvmRunner.java());
    jvm.addAll(sparkJvmOptions());
    jvm.add("-Xmx" + conf.getOrDefault("spark.driver.memory", "1g"));
    // the launcher's order in client mode: the default options, then the extra ones
    for (String key : List.of("spark.driver.defaultJavaOptions", "spark.driver.extraJavaOptions")) {
      if (conf.containsKey(key)) {
        jvm.addAll(Arrays.asList(conf.get(key).trim().split("\\s+")));
      }
    }
    jvm.addAll(nodeOptions(launch));
    String extra = conf.get("spark.driver.extraClassPath");
    jvm.addAll(List.of("-cp", (extra == null ? "" : inImage(extra) + File.pathSeparator)
        + inImage(SPARK_HOME + "/jars/*"), "org.apache.spark.deploy.SparkSubmit"));
    for (String arg : args) {
      // the application jar is a file of the image: local:///opt/...
      jvm.add(arg.startsWith("local:///opt/") ? "local://" + inImage(arg.substring(8)) : arg);
    }
    return jvm;
  }

  /** The image's {@code /opt/entrypoint.sh executor}, from the environment Spark gave the pod. */
  private List<String> executor(ContainerLaunch launch) {
    Map<String, String> env = launch.env();
    String memory = require(env, "SPARK_EXECUTOR_MEMORY");
    List<String> jvm = new ArrayList<>();
    jvm.add(ChildJvmRunner.java());
    // bash's ${!SPARK_JAVA_OPT_@}: the variables in the order of their names
    new TreeMap<>(env).forEach((k, v) -> {
      if (k.startsWith("SPARK_JAVA_OPT_")) {
        jvm.add(v);
      }
    });
    jvm.add("-Xms" + memory);
    jvm.add("-Xmx" + memory);
    jvm.addAll(nodeOptions(launch));
    List<String> classpath = new ArrayList<>();
    if (env.containsKey("SPARK_CONF_DIR")) {
      classpath.add(inImage(env.get("SPARK_CONF_DIR")));
    }
    if (env.containsKey("SPARK_CLASSPATH") && !env.get("SPARK_CLASSPATH").isEmpty()) {
      for (String entry : env.get("SPARK_CLASSPATH").split(File.pathSeparator)) {
        classpath.add(inImage(entry));
      }
    }
    classpath.add(inImage(SPARK_HOME + "/jars/*"));
    if (env.containsKey("SPARK_EXTRA_CLASSPATH")) {
      classpath.add(inImage(env.get("SPARK_EXTRA_CLASSPATH")));
    }
    classpath.add(launch.workDir().toString());
    jvm.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), EXECUTOR_BACKEND,
        "--driver-url", require(env, "SPARK_DRIVER_URL"),
        "--executor-id", require(env, "SPARK_EXECUTOR_ID"),
        "--cores", require(env, "SPARK_EXECUTOR_CORES"),
        "--app-id", require(env, "SPARK_APPLICATION_ID"),
        "--hostname", require(env, "SPARK_EXECUTOR_POD_IP"),
        "--resourceProfileId", require(env, "SPARK_RESOURCE_PROFILE_ID"),
        "--podName", require(env, "SPARK_EXECUTOR_POD_NAME")));
    return jvm;
  }

  /**
   * What this node adds to a JVM: its DNS, and temporary files in the container's folder (the
   * image's /tmp is an emptyDir, mapped where the pod mounts one).
   */
  private List<String> nodeOptions(ContainerLaunch launch) {
    return List.of("-Djdk.net.hosts.file=" + hostsFile,
        "-Djava.io.tmpdir=" + launch.workDir());
  }

  /** The Java options spark-submit adds on Java 17 (Spark's JavaModuleOptions). */
  private static List<String> sparkJvmOptions() {
    String options = System.getProperty("crimestream.sparkJvmOptions", "").trim();
    return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
  }

  /** A path of the image's file system, on this machine. */
  private String inImage(String path) {
    return path.startsWith("/opt/") ? imageRoot + path : path;
  }

  private static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the executor pod has no " + name
          + ": Spark sets it on every executor, the image's entry point needs it");
    }
    return value;
  }

  /** The image's jar folders: links to the jars of the job-image-classpath module's list. */
  private static void layOutJars(Path projectRoot, Path imageRoot) throws IOException {
    Path list = projectRoot.resolve("job-image-classpath/target/runtime-classpath.txt");
    if (!Files.isRegularFile(list)) {
      throw new IOException(list + " is missing: build the job-image-classpath module first"
          + " (./mvnw -pl controller -am verify does)");
    }
    Path sparkJars = Files.createDirectories(imageRoot.resolve("opt/spark/jars"));
    Path jobJars = Files.createDirectories(imageRoot.resolve("opt/crimestream/jars"));
    Path job = projectRoot.resolve("streaming-job/target").toAbsolutePath().normalize();
    for (String entry : Files.readString(list).strip().split(File.pathSeparator)) {
      Path jar = Path.of(entry).toAbsolutePath().normalize();
      if (jar.startsWith(job)) {
        // the job's own classes, as the image names them (SparkSubmitCommand.APPLICATION_JAR)
        Path target = jobJars.resolve("streaming-job.jar");
        if (Files.isDirectory(jar)) {
          throw new IOException(jar + " is a folder: package the streaming-job module first");
        }
        Files.deleteIfExists(target);
        Files.createSymbolicLink(target, jar);
      } else {
        Path link = sparkJars.resolve(jar.getFileName());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, jar);
      }
    }
  }
}
