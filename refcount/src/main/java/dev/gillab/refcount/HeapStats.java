package dev.gillab.refcount;

import com.google.errorprone.annotations.Immutable;

/**
 * A heap's counters at one moment. Immortal objects are counted apart: they are never freed, so
 * they are neither live nor leaks.
 *
 * @param allocated mortal objects allocated so far
 * @param freed mortal objects freed so far
 * @param live {@code allocated - freed}
 * @param peak the most objects live at once: exact while one thread has done all the allocating and
 *     freeing; once several have, the most the heap saw at an allocation, which may miss a brief
 *     maximum but never exceeds a live count the heap really had
 * @param immortal immortal objects allocated so far
 */
@Immutable
public record HeapStats(long allocated, long freed, long live, long peak, long immortal) {

  /** {@code "allocated=3 freed=2 live=1 peak=2 immortal=0"}. */
  @Override
  public String toString() {
    return "allocated="
        + allocated
        + " freed="
        + freed
        + " live="
        + live
        + " peak="
        + peak
        + " immortal="
        + immortal;
  }
}
