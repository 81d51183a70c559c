package io.crimestream.local.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory (the live heap after a full collection, its peak resident size) and CPU time. */
final class ProcessMemory {

  private ProcessMemory() {}

  /** CPU time of the whole process so far (every thread), in nanoseconds; 0 where the JVM cannot tell. */
  static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  static long liveHeapAfterFullGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** {@code VmHWM} from /proc: the peak resident set; 0 where there is no /proc. */
  static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip()) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: reported as 0
    }
    return 0;
  }
}
