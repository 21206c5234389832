package dev.gillab.workloads.internal;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads, found at run time: the code compiles on JDK 17, which has none, and uses them
 * where the running JDK (21 or later) does. Stateless and thread-safe.
 */
public final class VirtualThreads {
  private VirtualThreads() {}

  /** A factory of virtual threads named {@code prefix0, prefix1, ...}, or empty on this JDK. */
  public static Optional<ThreadFactory> factory(String prefix) {
    try {
      Method ofVirtual = Thread.class.getMethod("ofVirtual");
      Object builder = ofVirtual.invoke(null);
      Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
      builder =
          ofVirtualType.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
      return Optional.of((ThreadFactory) ofVirtualType.getMethod("factory").invoke(builder));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Why virtual threads cannot run here, or empty if they can. */
  public static Optional<String> unavailableReason() {
    return factory("probe").isPresent()
        ? Optional.empty()
        : Optional.of(
            "the running JDK "
                + Runtime.version().feature()
                + " has no virtual threads (they came in JDK 21)");
  }
}
