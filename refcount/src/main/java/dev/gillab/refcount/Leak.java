package dev.gillab.refcount;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.Immutable;

/**
 * One object still alive when a debug heap was asked for leaks: which object, its count, where it
 * was allocated and its last few accesses (oldest first), as Netty's ADVANCED leak detector reports
 * them.
 *
 * @param objectId the object's heap id
 * @param value a short description of the value ({@code "String(hello)"})
 * @param refCount the count at the time of the report
 * @param allocationSite the first stack frame outside this package that allocated it
 * @param lastAccesses e.g. {@code "incRef -> 2 on main at Demo.main(Demo.java:14)"}
 */
@Immutable
public record Leak(
    long objectId,
    String value,
    int refCount,
    String allocationSite,
    ImmutableList<String> lastAccesses) {

  /** Several lines: the object, where it was allocated, then one line per access. */
  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder()
            .append("object #")
            .append(objectId)
            .append(' ')
            .append(value)
            .append(" refCount=")
            .append(refCount)
            .append(System.lineSeparator())
            .append("  allocated at ")
            .append(allocationSite);
    for (String access : lastAccesses) {
      s.append(System.lineSeparator()).append("  ").append(access);
    }
    return s.toString();
  }
}
