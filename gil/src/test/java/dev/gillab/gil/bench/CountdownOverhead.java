package dev.gillab.gil.bench;

import dev.gillab.gil.AsmCountdown;
import java.io.File;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The countdown loop of this build's interpreter against another build's (args: the other gil jar,
 * its refcount jar, rounds), each in its own class loader, rounds alternating so both see the same
 * load: what a change to the eval loop or the GIL costs the hot path, side by side in one run.
 */
public final class CountdownOverhead {
  private CountdownOverhead() {}

  public static void main(String[] args) throws Exception {
    List<URL> shared = new ArrayList<>();
    for (String c :
        List.of(
            "com.google.common.base.Preconditions",
            "com.google.errorprone.annotations.ThreadSafe",
            "com.google.common.util.concurrent.internal.InternalFutureFailureAccess")) {
      shared.add(Class.forName(c).getProtectionDomain().getCodeSource().getLocation());
    }
    URL nowGil =
        Class.forName("dev.gillab.gil.Gil").getProtectionDomain().getCodeSource().getLocation();
    URL nowRc =
        Class.forName("dev.gillab.refcount.Heap")
            .getProtectionDomain()
            .getCodeSource()
            .getLocation();
    Runner before =
        new Runner(
            loader(shared, new File(args[0]).toURI().toURL(), new File(args[1]).toURI().toURL()));
    Runner now = new Runner(loader(shared, nowGil, nowRc));
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
    long n = 50_000_000L;
    before.run(n);
    now.run(n);
    double[] b = new double[rounds];
    double[] a = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      b[r] = before.run(n);
      a[r] = now.run(n);
    }
    Arrays.sort(a);
    Arrays.sort(b);
    double mb = b[rounds / 2];
    double ma = a[rounds / 2];
    System.out.printf(
        "countdown(%,d), median of %d: other build %.1f M it/s, this build %.1f M it/s,"
            + " this build slower by %.1f%%%n",
        n, rounds, mb / 1e6, ma / 1e6, 100 * (1 - ma / mb));
  }

  private static URLClassLoader loader(List<URL> shared, URL gil, URL refcount) {
    List<URL> urls = new ArrayList<>(shared);
    urls.add(gil);
    urls.add(refcount);
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  /** Runs countdown through reflection on one build's interpreter (default policy, no tracing). */
  static final class Runner {
    final Object interpreter;
    final Object code;
    final Method run;

    Runner(ClassLoader l) throws Exception {
      Class<?> in = l.loadClass("dev.gillab.gil.Interpreter");
      Class<?> asm = l.loadClass("dev.gillab.gil.Assembler");
      Class<?> codeClass = l.loadClass("dev.gillab.gil.Code");
      interpreter = in.getMethod("create").invoke(null);
      code =
          asm.getMethod("assemble", String.class, String.class)
              .invoke(null, "countdown", AsmCountdown.source());
      run = in.getMethod("run", codeClass, Object[].class);
    }

    /** Iterations per second. */
    double run(long n) throws Exception {
      Object[] args = (Object[]) Array.newInstance(Object.class, 1);
      args[0] = n;
      long t0 = System.nanoTime();
      run.invoke(interpreter, code, args);
      return n * 1e9 / (System.nanoTime() - t0);
    }
  }
}
