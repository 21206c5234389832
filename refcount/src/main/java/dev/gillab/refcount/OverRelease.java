package dev.gillab.refcount;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CountStrategy#BIASED} object that was let go of more times than it was held, found when
 * its two counts were merged ({@link Heap#overReleases()}).
 *
 * <p>Biased counting cannot refuse such a {@code decRef} when it happens: a thread other than the
 * owner only sees the shared count, which may legitimately go below zero (references the owner
 * counted locally and handed over). Only the merge adds the two, and a total below zero means some
 * thread released a reference it did not hold. By then the decrements have happened, so the object
 * is freed (nobody can hold it) and the heap records this report instead of throwing into whichever
 * thread happened to merge. PEP 703 has the same limit.
 *
 * @param objectId the object's heap id
 * @param value a short description of the value ({@code "String(x)"})
 * @param excess how many more releases than references (at least 1)
 * @param allocationSite where it was allocated (debug heaps only), or {@code null}
 * @param lastAccesses its last accesses, oldest first (debug heaps only; otherwise empty)
 */
@Immutable
public record OverRelease(
    long objectId,
    String value,
    long excess,
    @Nullable String allocationSite,
    ImmutableList<String> lastAccesses) {

  /**
   * {@code "over-release: object #1 String(x) was let go of 1 time more than it was held; freed
   * when its biased counts were merged"}, then (debug) the allocation site and accesses.
   */
  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder("over-release: object #")
            .append(objectId)
            .append(' ')
            .append(value)
            .append(" was let go of ")
            .append(excess)
            .append(excess == 1 ? " time" : " times")
            .append(" more than it was held; freed when its biased counts were merged");
    if (allocationSite != null) {
      s.append(System.lineSeparator()).append("  allocated at ").append(allocationSite);
    }
    for (String access : lastAccesses) {
      s.append(System.lineSeparator()).append("  ").append(access);
    }
    return s.toString();
  }
}
