package dev.gillab.workloads;

import dev.gillab.gil.UserInput;
import dev.gillab.workloads.serve.LabServer;
import dev.gillab.workloads.serve.ServeLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gil-lab serve}: the page where a learner is the scheduler ({@link LabServer}), on loopback
 * by default. It prints the page's address on standard output and serves until Ctrl-C, until its
 * standard input ends (when that is not a terminal: a parent process closing the pipe stops it), or
 * until {@code --for} has passed. Exit 0 when it stopped; 2 for a usage error or an address it
 * cannot listen on (one line). Not thread-safe: one run per instance.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve the interactive page where you choose which thread runs next: levels to solve,"
          + " your own Python, the GIL, locks and reference counts at every step.",
      "Prints the page's address; runs until Ctrl-C, the end of standard input, or --for."
    })
final class ServeCommand extends Subcommand {
  /** The port unless one is given: fixed, so a bookmark of the page keeps working. */
  static final int DEFAULT_PORT = 8765;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "The address to listen on (default 127.0.0.1, loopback only). Any other"
              + " lets other machines run programs here: a warning is printed.")
  String host = "127.0.0.1";

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The port (default " + DEFAULT_PORT + "); 0 for any free one.")
  int port = DEFAULT_PORT;

  @Option(
      names = "--for",
      paramLabel = "TIME",
      description =
          "Stop after this long: 90s, 10m; a bare number is seconds. Default: until" + " stopped.")
  @Nullable String duration;

  @Override
  public Integer call() throws InterruptedException {
    refuseTheTopOptions();
    if (port < 0 || port > 65_535) {
      throw usageError("--port must be 0 to 65535, was " + port);
    }
    Duration limit = null;
    if (duration != null) {
      try {
        limit = Durations.parse(duration, "s", Duration.ofDays(7), "--for");
      } catch (IllegalArgumentException e) {
        throw usageError(e.getMessage());
      }
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      parent.err.println("gil-lab: --host '" + UserInput.echo(host) + "' is no address here");
      return 2;
    }
    LabServer server;
    try {
      server =
          LabServer.start(new InetSocketAddress(address, port), ServeLimits.defaults(), parent.err);
    } catch (IOException e) {
      parent.err.println(
          "gil-lab: cannot listen on "
              + UserInput.echo(host)
              + ":"
              + port
              + ": "
              + UserInput.echo(String.valueOf(e.getMessage())));
      return 2;
    }
    try (server) {
      if (!address.isLoopbackAddress()) {
        parent.err.println(
            "gil-lab serve: warning: listening on "
                + address.getHostAddress()
                + ", not loopback: anyone who can reach it can run programs on this machine");
      }
      parent.out.println(server.uri());
      parent.out.flush();
      parent.err.println("gil-lab serve: open " + server.uri() + " in a browser; Ctrl-C stops it");
      parent.err.println("gil-lab serve: " + awaitStop(limit) + "; stopped");
    }
    return 0;
  }

  /** Returns, saying why, when {@code limit} has passed or the input has ended. */
  private String awaitStop(@Nullable Duration limit) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    InputStream in = parent.in;
    if (in != null) {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  while (in.read() >= 0) {
                    // what is typed is not read as anything; only the end matters
                  }
                } catch (IOException e) {
                  // an input that fails is an input that ended
                }
                stop.countDown();
              },
              "gil-lab-serve-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }
    if (limit == null) {
      stop.await();
    } else if (!stop.await(limit.toNanos(), TimeUnit.NANOSECONDS)) {
      return "--for " + duration + " has passed";
    }
    return "standard input ended";
  }
}
