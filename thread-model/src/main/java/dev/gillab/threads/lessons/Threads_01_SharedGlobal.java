package dev.gillab.threads.lessons;

import java.io.PrintStream;

/**
 * Threads share state: a static field written by one thread is read by another.
 *
 * <h2>The idea</h2>
 *
 * A process has one copy of every static field, and all its threads use that copy: a global
 * variable is shared by construction. Here a {@code writer} thread changes two globals and a {@code
 * reader} thread, started later, sees the change; so does {@code main}.
 *
 * <p>Why is {@code main} allowed to trust what it reads? Without some ordering between two threads,
 * the Java memory model lets a reader see a stale value (from a cache, a register, or because the
 * compiler reordered the writes). {@code writer.join()} is such an ordering: all that the writer
 * did <em>happens-before</em> {@code join()} returns, so {@code main} must see its writes. Likewise
 * {@code Thread.start()}: everything {@code main} did before starting the reader happens-before the
 * reader's first step. Take the joins away and the program has a data race: it may still print the
 * same lines on your machine, but nothing promises it.
 *
 * <h2>How to run</h2>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl thread-model exec:java -Dexec.mainClass=dev.gillab.threads.lessons.Threads_01_SharedGlobal
 * </pre>
 *
 * <h2>Output</h2>
 *
 * <pre>
 * main, before:              greeting = "set by main", counter = 0
 * writer, done:              greeting = "set by writer", counter = 1000
 * main, after writer.join(): greeting = "set by writer", counter = 1000
 * reader, started after:     greeting = "set by writer", counter = 1000
 * One copy of each static field, shared by every thread of the process.
 * join() and start() order the threads: the writer's writes happen-before main's reads.
 * </pre>
 *
 * <p>Thread-safety: run one at a time; {@code main} resets the globals it demonstrates on.
 */
public final class Threads_01_SharedGlobal {

  // The globals. Deliberately no lock: start() and join() order every access to them.
  static String greeting;
  static int counter;

  private Threads_01_SharedGlobal() {}

  public static void main(String[] args) throws InterruptedException {
    run(System.out);
  }

  static void run(PrintStream out) throws InterruptedException {
    greeting = "set by main";
    counter = 0;
    out.println("main, before:              " + globals());

    Thread writer =
        new Thread(
            () -> {
              greeting = "set by writer";
              for (int i = 0; i < 1000; i++) {
                counter++;
              }
              out.println("writer, done:              " + globals());
            },
            "writer");
    writer.start();
    writer.join(); // the happens-before edge: every write of the writer is now visible to main
    out.println("main, after writer.join(): " + globals());

    String[] seen = new String[1];
    Thread reader = new Thread(() -> seen[0] = globals(), "reader");
    reader.start();
    reader.join();
    out.println("reader, started after:     " + seen[0]);

    out.println("One copy of each static field, shared by every thread of the process.");
    out.println(
        "join() and start() order the threads: the writer's writes happen-before main's reads.");
  }

  private static String globals() {
    return "greeting = \"" + greeting + "\", counter = " + counter;
  }
}
