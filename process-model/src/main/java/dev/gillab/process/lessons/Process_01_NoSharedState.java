package dev.gillab.process.lessons;

import dev.gillab.process.ChildJvm;
import dev.gillab.process.ExitStatus;
import dev.gillab.process.ProcessPool;
import java.time.Duration;
import java.util.List;

/**
 * Processes do not share state.
 *
 * <h2>The idea</h2>
 *
 * A child JVM loads its classes afresh, so it has its own copy of every static field. The parent
 * sets {@code counter} to 100; the child finds its own {@code counter} at 0, adds one, and the
 * parent's copy stays 100. The child's value reaches the parent only as a message: a line the child
 * wrote on its stdout and the parent read.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl process-model exec:java -Dexec.mainClass=dev.gillab.process.lessons.Process_01_NoSharedState
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * parent: counter = 100
 * child says: my counter starts at 0
 * child says: my counter is now 1
 * child ended: exit code 0
 * parent: counter = 100 (the child changed only its own copy)
 * parent: the child's value came back as a message: 1
 * </pre>
 */
public final class Process_01_NoSharedState {
  private static int counter;

  private Process_01_NoSharedState() {}

  public static void main(String[] args) throws Exception {
    counter = 100;
    System.out.println("parent: counter = " + counter);
    List<String> message;
    try (ChildJvm child =
        ChildJvm.builder(Child.class)
            .jvmOptions(ProcessPool.FAST_START_OPTIONS)
            .timeout(Duration.ofSeconds(30))
            .start()) {
      ExitStatus status = child.waitFor(Duration.ofSeconds(30)).orElseThrow();
      message = child.stdoutLines();
      message.forEach(line -> System.out.println("child says: " + line));
      System.out.println("child ended: " + status);
    }
    System.out.println("parent: counter = " + counter + " (the child changed only its own copy)");
    String last = message.get(message.size() - 1);
    System.out.println(
        "parent: the child's value came back as a message: "
            + last.substring(last.lastIndexOf(' ') + 1));
  }

  /** Runs in the child JVM. */
  public static final class Child {
    private Child() {}

    public static void main(String[] args) {
      System.out.println("my counter starts at " + counter);
      counter++;
      System.out.println("my counter is now " + counter);
    }
  }
}
