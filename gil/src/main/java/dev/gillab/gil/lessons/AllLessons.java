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
  }
}
