package dev.gillab.refcount.internal;

import com.google.common.collect.ImmutableSet;
import java.util.Optional;

/** Finds the first stack frame outside the heap's own classes: "who called us". */
public final class Sites {
  private static final StackWalker WALKER = StackWalker.getInstance();
  private static final ImmutableSet<String> OURS =
      ImmutableSet.of(
          "dev.gillab.refcount.Heap",
          "dev.gillab.refcount.HeapObject",
          "dev.gillab.refcount.PlainObject",
          "dev.gillab.refcount.AtomicObject",
          "dev.gillab.refcount.BiasedObject",
          "dev.gillab.refcount.ImmortalObject",
          "dev.gillab.refcount.PlainCountSteps");
  private static final String INTERNAL = "dev.gillab.refcount.internal.";

  private Sites() {}

  /** {@code "Demo.main(Demo.java:12)"} for the first caller outside the heap, or "unknown". */
  public static String caller() {
    Optional<StackWalker.StackFrame> frame =
        WALKER.walk(frames -> frames.filter(f -> !isOurs(f.getClassName())).findFirst());
    return frame.map(Sites::format).orElse("unknown");
  }

  private static boolean isOurs(String className) {
    int nested = className.indexOf('$');
    String outer = nested < 0 ? className : className.substring(0, nested);
    return OURS.contains(outer) || className.startsWith(INTERNAL);
  }

  private static String format(StackWalker.StackFrame f) {
    String cls = f.getClassName();
    String simple = cls.substring(cls.lastIndexOf('.') + 1);
    return simple + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
  }
}
