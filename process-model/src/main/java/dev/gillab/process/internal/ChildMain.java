package dev.gillab.process.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The entry point of every child JVM the launcher starts: it starts the {@link ParentWatch}, then
 * calls the real main class named by the first argument with the remaining arguments. Not
 * thread-safe concerns: it runs once, at start-up.
 */
public final class ChildMain {
  private ChildMain() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ChildMain <main class> [args...]");
      System.exit(2);
    }
    ParentWatch.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.setAccessible(true); // a public main in a non-public class is still a main
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
