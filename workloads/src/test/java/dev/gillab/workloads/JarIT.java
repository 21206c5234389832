package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real executable jar: {@code java -jar workloads/target/gil-lab.jar}, exit codes included. */
class JarIT {
  private static final Path JAR = Path.of("target", "gil-lab.jar");

  private static Cli java(String... args) throws Exception {
    assertTrue(Files.isRegularFile(JAR), "the build makes " + JAR);
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Cli(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void versionAndAUsageErrorThroughTheRealMain() throws Exception {
    Cli v = java("--version");
    assertEquals(0, v.exit(), v.err());
    assertTrue(v.out().startsWith("gil-lab 0.1.0"), v.out());

    Cli bad = java("--policy", "fair");
    assertEquals(2, bad.exit());
    assertTrue(bad.firstErrLine().startsWith("unknown policy 'fair'; "), bad.err());
    UsageErrorsTest.assertNoStackTrace(bad);
  }

  @Test
  void theJarRunsTheLessonsOfEveryModuleToo() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                JAR.toString(),
                "dev.gillab.refcount.lessons.RefCount_02_GetRefCountPlusOne")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.startsWith("a = []                 getRefCount(a) = 2"), out);
  }

  @Test
  void theJarServesThePageFromItsOwnResources() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "the build makes " + JAR);
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "serve",
                "--port",
                "0",
                "--for",
                "60s")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String address =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertTrue(
          address != null && address.matches("http://127\\.0\\.0\\.1:\\d+/"),
          String.valueOf(address));
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      for (String file : new String[] {"", "lab.js", "lab.css"}) {
        java.net.http.HttpResponse<String> r =
            client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(address + file))
                    .timeout(java.time.Duration.ofSeconds(30))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), file);
        assertTrue(r.body().length() > 500, file);
      }
      // Its standard input is a pipe: closing it stops the server, exit 0.
      p.getOutputStream().close();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }
}
