package dev.gillab.workloads.internal;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long this JVM's JIT has spent compiling, to tell when warm-up is over. One warm-up run is not
 * always enough: the eval loop's compiled code is thrown away and recompiled whenever a mode takes
 * a path its profile had not seen (another policy, another count strategy), and a run timed while
 * that happens measures the compiler, not the mode — on a 2-core machine the compiler thread also
 * takes one of the two cores a parallel mode needs. Warm-up goes on until a whole round of it
 * compiles (almost) nothing — here, and in the pool's worker JVMs, whose tasks report what their
 * JIT compiled while they ran ({@link TaskReport#jitMillis()}). Thread-safe.
 */
public final class Jit {
  /** A warm-up round that compiled less than this left the JIT settled. */
  public static final long QUIET_MILLIS = 20;

  /** At most this many warm-up rounds beyond those asked for, however busy the JIT stays. */
  public static final int MAX_EXTRA_ROUNDS = 5;

  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  /** What worker JVMs' JITs compiled while running tasks for this one. */
  private static final LongAdder WORKERS = new LongAdder();

  private Jit() {}

  /** Milliseconds this JVM's JIT has compiled so far; 0 where the JVM does not tell. */
  public static long ownMillis() {
    return JIT != null && JIT.isCompilationTimeMonitoringSupported()
        ? JIT.getTotalCompilationTime()
        : 0;
  }

  /** Milliseconds compiled so far here and, while running tasks for this JVM, in worker JVMs. */
  public static long compileMillis() {
    return ownMillis() + WORKERS.sum();
  }

  /** Counts what a worker JVM's JIT compiled while it ran one of this JVM's tasks. */
  public static void noteWorker(long millis) {
    WORKERS.add(millis);
  }
}
