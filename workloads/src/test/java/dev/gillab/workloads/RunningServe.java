package dev.gillab.workloads;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code gil-lab serve --port 0} run in-process as a user runs it: its address read from its
 * standard output, and stopped by closing its standard input, as a parent process would.
 */
final class RunningServe implements AutoCloseable {
  private final PipedOutputStream stdin;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ExecutorService runner = Executors.newSingleThreadExecutor();
  private final Future<Integer> exit;
  private final URI uri;

  RunningServe(String... extraArgs) throws IOException {
    stdin = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(stdin);
    PipedInputStream outPipe = new PipedInputStream(1 << 16);
    PrintStream out = new PrintStream(new PipedOutputStream(outPipe), true, StandardCharsets.UTF_8);
    String[] args = new String[3 + extraArgs.length];
    args[0] = "serve";
    args[1] = "--port";
    args[2] = "0";
    System.arraycopy(extraArgs, 0, args, 3, extraArgs.length);
    exit =
        runner.submit(
            () -> GilLab.run(args, in, out, new PrintStream(err, true, StandardCharsets.UTF_8)));
    // The first line is the address; readLine waits for it, and the command always prints one
    // or ends (closing nothing): a bounded wait on the future covers a command that failed.
    String first =
        new BufferedReader(new InputStreamReader(outPipe, StandardCharsets.UTF_8)).readLine();
    if (first == null || !first.startsWith("http://")) {
      throw new IllegalStateException("serve printed no address: " + first + " / " + err());
    }
    uri = URI.create(first);
  }

  URI uri() {
    return uri;
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Ends the input and waits (bounded) for the command's exit code. */
  int stop() {
    try {
      stdin.close();
      return exit.get(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("serve did not stop: " + e, e);
    } finally {
      runner.shutdownNow();
    }
  }

  @Override
  public void close() {
    if (!exit.isDone()) {
      stop();
    }
  }
}
