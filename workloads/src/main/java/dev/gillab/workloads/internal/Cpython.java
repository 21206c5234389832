package dev.gillab.workloads.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.io.Resources;
import dev.gillab.workloads.Sizes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the experiments' shapes on a CPython: the bundled {@code cpython_shapes.py}, with the sizes
 * gil-lab uses and gil-lab's own echo server, in a child process bounded in time, its progress
 * passed on line by line. Stateless.
 */
public final class Cpython {
  /** No CPython run may take longer than this; past it, the child is killed. */
  public static final Duration LIMIT = Duration.ofMinutes(10);

  private static final String SCRIPT = "/dev/gillab/workloads/compare/cpython_shapes.py";

  private Cpython() {}

  /** What the script measured: medians in seconds (cpu, io) and microseconds (convoy). */
  public record Figures(
      String version,
      Map<String, Double> cpu,
      Map<String, Double> io,
      Map<String, Double> convoy) {}

  /** Why there is no CPython to compare with, or an empty string if {@code python} runs. */
  public static String unavailableReason(String python) {
    try {
      Process p =
          new ProcessBuilder(python, "-c", "import sys; print(sys.version_info[0])")
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return python + " did not answer within 30 s";
      }
      String major = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.exitValue() == 0 && major.equals("3") ? "" : python + " is not a Python 3";
    } catch (IOException e) {
      return "no " + python + " to run (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Runs the shapes on {@code python}; progress lines go to {@code progress}. */
  public static Figures run(
      String python, Sizes z, int echoPort, Duration switchInterval, Consumer<String> progress)
      throws IOException, InterruptedException {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("echoPort", echoPort);
    settings.put("countdown", z.countdown());
    settings.put("cpuWorkers", z.cpuWorkers());
    settings.put("ioWorkers", z.ioWorkers());
    settings.put("ioRounds", z.ioRounds());
    settings.put("ioDelayMicros", z.ioDelay().toNanos() / 1000);
    settings.put("convoyCpuThreads", z.convoyCpuThreads());
    settings.put("convoyRoundTripsAlone", z.convoyRoundTripsAlone());
    settings.put("convoyRoundTripsBeside", z.convoyRoundTripsBeside());
    settings.put("convoyBesideSeconds", z.convoyBesideFor().toNanos() / 1e9);
    settings.put("switchIntervalSeconds", switchInterval.toNanos() / 1e9);
    settings.put("warmups", z.warmups());
    settings.put("repeats", z.repeats());
    ObjectMapper json = new ObjectMapper();
    Path script = Files.createTempFile("cpython_shapes", ".py");
    try {
      Files.write(script, Resources.toByteArray(Cpython.class.getResource(SCRIPT)));
      Process p =
          new ProcessBuilder(python, script.toString(), json.writeValueAsString(settings)).start();
      p.getOutputStream().close();
      Thread relay = new Thread(() -> relay(p.getErrorStream(), progress), "cpython-progress");
      relay.setDaemon(true);
      relay.start();
      CompletableFuture<byte[]> out = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (InputStream stdout = p.getInputStream()) {
                  out.complete(stdout.readAllBytes()); // one JSON line, at the end
                } catch (IOException e) {
                  out.completeExceptionally(e);
                }
              },
              "cpython-result");
      reader.setDaemon(true);
      reader.start();
      if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException(python + " did not finish within " + LIMIT.toMinutes() + " min");
      }
      relay.join(TimeUnit.SECONDS.toMillis(10));
      if (p.exitValue() != 0) {
        throw new IOException(python + " exited with " + p.exitValue() + " (see above)");
      }
      JsonNode doc;
      try {
        doc = json.readTree(out.get(10, TimeUnit.SECONDS));
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException(python + "'s figures could not be read: " + e, e);
      }
      return new Figures(
          doc.get("version").asText(),
          doubles(doc.get("cpu")),
          doubles(doc.get("io")),
          doubles(doc.get("convoy")));
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static Map<String, Double> doubles(JsonNode node) {
    Map<String, Double> m = new LinkedHashMap<>();
    node.properties().forEach(e -> m.put(e.getKey(), e.getValue().asDouble()));
    return m;
  }

  private static void relay(InputStream err, Consumer<String> progress) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        progress.accept(line);
      }
    } catch (IOException e) {
      // the child has gone; its exit code says how
    }
  }
}
