package io.crimestream.job.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program of this project in a JVM of its own, as a pod runs it: the streaming job on the
 * module's runtime classpath ({@code target/classes} and {@code target/runtime-classpath.txt},
 * what the image ships) with Spark's JVM options, or the producer on the test classpath. Its
 * stdout and stderr go to one log file; {@link #kill()} is SIGKILL, as when a node dies or the
 * kernel's OOM killer strikes.
 *
 * <p>The controller's tests launch containers the same way ({@code ChildJvmRunner}, which also
 * translates a spark-submit command line); this is the small part of it the job's tests need.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** {@code StreamingJobMain} with {@code args}, Spark in local mode on two cores. */
  public static ChildJvm streamingJob(List<String> args, Map<String, String> env, Path log,
                                      String... jvmOptions) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java());
    String sparkOptions = System.getProperty("crimestream.sparkJvmOptions", "").trim();
    if (sparkOptions.isEmpty()) {
      throw new IllegalStateException("crimestream.sparkJvmOptions is not set: run through Maven"
          + " (failsafe passes the parent pom's spark.jvm.options)");
    }
    command.addAll(Arrays.asList(sparkOptions.split("\\s+")));
    command.addAll(List.of("-Xmx1g", "-XX:+UseParallelGC", "-Dspark.master=local[2]",
        "-Dspark.ui.enabled=false", "-Djava.io.tmpdir=" + Files.createDirectories(
            log.resolveSibling(log.getFileName() + ".tmp")),
        "-cp", jobClasspath()));
    command.addAll(List.of(jvmOptions));
    command.add("io.crimestream.job.StreamingJobMain");
    command.addAll(args);
    return start(command, env, log);
  }

  /** {@code ProducerMain} with {@code args}. */
  public static ChildJvm producer(List<String> args, Map<String, String> env, Path log,
                                  String... jvmOptions) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-cp",
        System.getProperty("java.class.path")));
    command.addAll(List.of(jvmOptions));
    command.add("io.crimestream.producer.ProducerMain");
    command.addAll(args);
    return start(command, env, log);
  }

  private static ChildJvm start(List<String> command, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // only what a container would have: PATH and the variables it is given
    String path = pb.environment().get("PATH");
    pb.environment().clear();
    if (path != null) {
      pb.environment().put("PATH", path);
    }
    pb.environment().putAll(env);
    return new ChildJvm(pb.start(), log);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, then wait until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the child JVM survived SIGKILL for 30 s");
    }
  }

  /** SIGTERM (the JVM's shutdown hooks run), then its exit status. */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  /** The exit status, waiting at most {@code seconds}; fails if still running. */
  public int exitStatus(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("still running after " + seconds + " s\n" + tail(60));
    }
    return process.exitValue();
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** The last {@code lines} lines of the log, for a failure message. */
  public String tail(int lines) {
    List<String> all = log().lines().toList();
    return "--- " + log + "\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines),
        all.size()));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private static String jobClasspath() throws IOException {
    // failsafe runs in the module's folder
    Path target = Path.of("target").toAbsolutePath();
    Path file = target.resolve("runtime-classpath.txt");
    if (!Files.isRegularFile(file)) {
      throw new IOException("no " + file + ": build the module first (process-classes writes it)");
    }
    return target.resolve("classes") + File.pathSeparator + Files.readString(file).strip();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
