package dev.gillab.gil.lessons;

/** Runs every lesson of the gil chapter, in order. */
public final class AllLessons {
  private AllLessons() {}

  public static void main(String[] args) throws Exception {
    System.out.println("== Gil_01_OneRunnerAtATime");
    Gil_01_OneRunnerAtATime.main(args);
    System.out.println("== Gil_02_IoReleasesTheGil");
    Gil_02_IoReleasesTheGil.main(args);
    System.out.println("== Gil_03_CpuBoundRunsSerially");
    Gil_03_CpuBoundRunsSerially.main(args);
    System.out.println("== Gil_04_SwitchInterval");
    Gil_04_SwitchInterval.main(args);
    System.out.println("== Gil_05_ConvoyEffect");
    Gil_05_ConvoyEffect.main(args);
    System.out.println("== Gil_06_GilDoesNotMakeYourCodeAtomic");
    Gil_06_GilDoesNotMakeYourCodeAtomic.main(args);
    System.out.println("== Gil_07_FreeThreadingNeedsSafeCounts");
    Gil_07_FreeThreadingNeedsSafeCounts.main(args);
    System.out.println("== Gil_08_OldGilThrashes");
    Gil_08_OldGilThrashes.main(args);
  }
}
