package dev.gillab.threads.lessons;

import static java.lang.invoke.MethodType.methodType;

import com.google.common.collect.ImmutableList;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * Runs every lesson of the thread-model chapter, in order, each under a header line such as {@code
 * == Threads_01_SharedGlobal ==}, with a blank line between lessons.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl thread-model exec:java
 * </pre>
 *
 * <p>Stateless apart from the constant list, so thread-safe; the lessons it runs are not meant to
 * run concurrently with each other (they reset their own globals).
 */
public final class AllLessons {

  /** Every lesson, in the order a reader should take them. Adding a lesson is one line here. */
  static final ImmutableList<Class<?>> LESSONS =
      ImmutableList.of(
          Threads_01_SharedGlobal.class, //
          Threads_02_LostUpdate.class,
          Threads_03_Fixed.class,
          Explore_01_FourOfSixSchedulesLoseAnUpdate.class,
          Explore_02_ReplayIsExact.class,
          Explore_03_OppositeOrderDeadlocks.class);

  private AllLessons() {}

  public static void main(String[] args) throws Throwable {
    boolean first = true;
    for (Class<?> lesson : LESSONS) {
      if (!first) {
        System.out.println();
      }
      first = false;
      System.out.println(header(lesson));
      System.out.flush();
      mainOf(lesson).invokeExact(new String[0]);
    }
  }

  /** The header line printed before a lesson. */
  static String header(Class<?> lesson) {
    return "== " + lesson.getSimpleName() + " ==";
  }

  private static MethodHandle mainOf(Class<?> lesson) throws ReflectiveOperationException {
    return MethodHandles.publicLookup()
        .findStatic(lesson, "main", methodType(void.class, String[].class));
  }
}
