package io.crimestream.local.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The highest heap use of the process while it is watched. Heap use peaks just before a
 * collection, so every collection reports the heap it found; the pools' own peaks cannot be
 * summed instead (young and old generations peak at different moments, and their sum can exceed
 * the maximum heap).
 */
final class HeapPeak implements AutoCloseable {

  private final AtomicLong peak = new AtomicLong();
  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
      .collect(Collectors.toSet());
  private final NotificationListener listener = (notification, handback) -> {
    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long used = info.getGcInfo().getMemoryUsageBeforeGc().entrySet().stream()
          .filter(e -> heapPools.contains(e.getKey()))
          .mapToLong(e -> e.getValue().getUsed()).sum();
      peak.accumulateAndGet(used, Math::max);
    }
  };

  HeapPeak() {
    ManagementFactory.getGarbageCollectorMXBeans().forEach(gc ->
        ((NotificationEmitter) gc).addNotificationListener(listener, null, null));
    sampleNow();
  }

  /** The highest heap use seen so far, the current use included. */
  long bytes() {
    sampleNow();
    return peak.get();
  }

  private void sampleNow() {
    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
  }

  @Override
  public void close() {
    ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> {
      try {
        ((NotificationEmitter) gc).removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException e) {
        // never added to this collector: nothing to remove
      }
    });
  }
}
