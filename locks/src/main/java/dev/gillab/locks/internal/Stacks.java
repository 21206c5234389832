package dev.gillab.locks.internal;

import com.google.common.collect.ImmutableSet;
import java.util.Arrays;

/** Formats stacks for reports: leading frames of this module's mechanics are left out. */
public final class Stacks {
  private static final int MAX_FRAMES = 12;
  private static final String INDENT = "      at ";
  private static final ImmutableSet<String> API_CLASSES =
      ImmutableSet.of(
          "dev.gillab.locks.OwnedLock",
          "dev.gillab.locks.OwnedReadWriteLock",
          "dev.gillab.locks.GuardedObject",
          "dev.gillab.locks.OrderedAcquisition",
          "dev.gillab.locks.TimedAcquisition");

  private Stacks() {}

  /** The stack of the calling thread at this point, to be formatted later. */
  public static Throwable here() {
    return new Throwable("stack");
  }

  /** Indented frames, one per line, each line ending in {@code \n}. */
  public static String format(StackTraceElement[] frames) {
    int first = 0;
    while (first < frames.length && isMechanics(frames[first])) {
      first++;
    }
    StackTraceElement[] shown =
        Arrays.copyOfRange(frames, first, Math.min(frames.length, first + MAX_FRAMES));
    StringBuilder out = new StringBuilder();
    for (StackTraceElement frame : shown) {
      out.append(INDENT).append(frame).append('\n');
    }
    int hidden = frames.length - first - shown.length;
    if (hidden > 0) {
      out.append("      ... ").append(hidden).append(" more\n");
    }
    return out.toString();
  }

  private static boolean isMechanics(StackTraceElement frame) {
    String c = frame.getClassName();
    return c.startsWith("dev.gillab.locks.internal.")
        || API_CLASSES.contains(c)
        || c.startsWith("java.util.concurrent.locks.")
        || c.startsWith("jdk.internal.misc.")
        || c.equals("java.lang.Thread");
  }
}
