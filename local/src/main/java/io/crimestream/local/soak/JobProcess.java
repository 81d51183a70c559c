package io.crimestream.local.soak;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The streaming job in a JVM of its own, as the driver runs in its pod: started with this JVM's
 * classpath and Spark's JVM options, killed with SIGKILL as a failing node kills it, and watched
 * from outside (its heap through JMX on loopback, its resident memory, threads and open files
 * from {@code /proc}).
 */
final class JobProcess implements AutoCloseable {

  private final Process process;
  private final JMXConnector jmx;
  private final MemoryMXBean memory;

  private JobProcess(Process process, JMXConnector jmx, MemoryMXBean memory) {
    this.process = process;
    this.jmx = jmx;
    this.memory = memory;
  }

  /** Starts {@code StreamingJobMain} with {@code args}; its output goes to {@code log}. */
  static JobProcess start(List<String> args, String heap, Path log) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
        "-XX:+UseParallelGC"));
    // Spark's --add-opens and friends, as this JVM got them from the launcher
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-Djdk.") || a.startsWith("-Dio.netty")
            || a.equals("-XX:+IgnoreUnrecognizedVMOptions"))
        .forEach(command::add);
    command.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + port,
        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
        "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
        "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
        "-cp", System.getProperty("java.class.path"), "io.crimestream.job.StreamingJobMain"));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    JMXConnector connector = connect(port, p, log);
    MBeanServerConnection server = connector.getMBeanServerConnection();
    MemoryMXBean memory = JMX.newMXBeanProxy(server, ObjectName.getInstance(ManagementFactory.MEMORY_MXBEAN_NAME),
        MemoryMXBean.class);
    return new JobProcess(p, connector, memory);
  }

  /** The JVM's JMX agent answers shortly after it starts: polled with a deadline. */
  private static JMXConnector connect(int port, Process p, Path log) throws IOException, InterruptedException {
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("the job exited with " + p.exitValue() + " at its start; see " + log);
      }
      try {
        return JMXConnectorFactory.connect(url);
      } catch (IOException e) {
        last = e;
        Thread.sleep(200); // polling the agent, bounded by the deadline above
      }
    }
    throw new IOException("the job's JMX agent did not answer on port " + port + " within 60 s", last);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Heap in use after a full collection: the live data, which must stay flat. */
  long liveHeapBytes() {
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** {@code VmRSS}, {@code Threads} from /proc, and the open file descriptors. */
  ProcStatus proc() {
    return ProcStatus.of(process.pid());
  }

  /** SIGKILL, as a node failure or the OOM killer would, and wait for the process to be gone. */
  void kill() throws InterruptedException {
    closeJmx();
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the job survived SIGKILL for 60 s");
    }
  }

  private void closeJmx() {
    try {
      jmx.close();
    } catch (IOException e) {
      // the process is going away anyway
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      closeJmx();
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** What the kernel says of a process. */
  record ProcStatus(long rssBytes, int threads, int openFiles) {
    static ProcStatus of(long pid) {
      long rss = 0;
      int threads = 0;
      try {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
          if (line.startsWith("VmRSS:")) {
            rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          } else if (line.startsWith("Threads:")) {
            threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | NumberFormatException e) {
        return new ProcStatus(0, 0, 0); // not Linux, or the process has just ended
      }
      File[] fds = new File("/proc/" + pid + "/fd").listFiles();
      return new ProcStatus(rss, threads, fds == null ? 0 : fds.length);
    }
  }
}
