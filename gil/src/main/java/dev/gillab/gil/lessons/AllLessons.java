package dev.gillab.gil.lessons;

import static java.lang.invoke.MethodType.methodType;

import com.google.common.collect.ImmutableList;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/** Runs every lesson of the gil chapter, in order, each under a header line {@code == Name}. */
public final class AllLessons {

  /** Every lesson, in the order a reader should take them. Adding a lesson is one line here. */
  static final ImmutableList<Class<?>> LESSONS =
      ImmutableList.of(
          Gil_01_OneRunnerAtATime.class,
          Gil_02_IoReleasesTheGil.class,
          Gil_03_CpuBoundRunsSerially.class,
          Gil_04_SwitchInterval.class,
          Gil_05_ConvoyEffect.class,
          Gil_06_GilDoesNotMakeYourCodeAtomic.class,
          Gil_07_FreeThreadingNeedsSafeCounts.class,
          Gil_08_OldGilThrashes.class);

  private AllLessons() {}

  public static void main(String[] args) throws Throwable {
    for (Class<?> lesson : LESSONS) {
      System.out.println("== " + lesson.getSimpleName());
      mainOf(lesson).invokeExact(args);
    }
  }

  private static MethodHandle mainOf(Class<?> lesson) throws ReflectiveOperationException {
    return MethodHandles.publicLookup()
        .findStatic(lesson, "main", methodType(void.class, String[].class));
  }
}
