package dev.gillab.refcount.lessons;

/** Runs every refcount lesson in order: the module's {@code exec:java} main. */
public final class AllLessons {
  private AllLessons() {}

  public static void main(String[] args) throws InterruptedException {
    banner("RefCount_01_WhatIsACount");
    RefCount_01_WhatIsACount.main(args);
    banner("RefCount_02_GetRefCountPlusOne");
    RefCount_02_GetRefCountPlusOne.main(args);
    banner("RefCount_03_RaceWithoutLock");
    RefCount_03_RaceWithoutLock.main(args);
    banner("RefCount_04_LockedCounts");
    RefCount_04_LockedCounts.main(args);
    banner("RefCount_05_AtomicCounts");
    RefCount_05_AtomicCounts.main(args);
    banner("RefCount_06_BiasedCounts");
    RefCount_06_BiasedCounts.main(args);
    banner("RefCount_07_Immortals");
    RefCount_07_Immortals.main(args);
  }

  private static void banner(String name) {
    System.out.println();
    System.out.println("=== " + name + " ===");
  }
}
