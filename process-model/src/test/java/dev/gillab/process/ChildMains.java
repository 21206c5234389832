package dev.gillab.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Main classes the launcher tests start as children. */
public final class ChildMains {
  private ChildMains() {}

  /** Prints its arguments, then exits with code 7. */
  public static final class PrintAndExit {
    public static void main(String[] args) {
      System.out.println("args: " + String.join(",", args));
      System.out.println("env: " + System.getenv("GILLAB_TEST"));
      System.exit(7);
    }
  }

  /** Writes about 4 MB to stdout and to stderr, far beyond any pipe buffer, then exits. */
  public static final class Chatty {
    public static void main(String[] args) {
      String line = "x".repeat(100);
      for (int i = 0; i < 40_000; i++) {
        System.out.println(line);
        System.err.println("err " + i + " " + line);
      }
    }
  }

  /** Sleeps a minute. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      System.out.println("sleeping");
      TimeUnit.SECONDS.sleep(60);
    }
  }

  /**
   * Starts a grandchild and prints its pid, then sleeps. With "os" the grandchild is a plain {@code
   * sleep} process (no parent watch); with "jvm" it is a Sleeper child JVM.
   */
  public static final class Spawner {
    public static void main(String[] args) throws Exception {
      long pid;
      if (args[0].equals("os")) {
        pid = new ProcessBuilder("sleep", "60").start().pid();
      } else {
        ChildJvm grandchild = ChildJvm.builder(Sleeper.class).start();
        pid = grandchild.pid();
      }
      System.out.println("grandchild " + pid);
      TimeUnit.SECONDS.sleep(60);
    }
  }

  /** Writes one 64 MiB line without a newline to stderr, then a short line, then exits. */
  public static final class LongLine {
    public static void main(String[] args) throws IOException {
      OutputStream err = new FileOutputStream(FileDescriptor.err);
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 64; i++) {
        err.write(chunk);
      }
      err.write("\nafter the long line\n".getBytes(StandardCharsets.UTF_8));
      err.flush();
    }
  }
}
