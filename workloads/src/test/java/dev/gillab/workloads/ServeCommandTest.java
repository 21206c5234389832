package dev.gillab.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code gil-lab serve} through the command: the address on standard output, the page served there,
 * the end of standard input stopping it with exit 0, {@code --for}, and its usage errors.
 */
class ServeCommandTest {
  @Test
  void printsItsAddressServesThePageAndStopsWhenItsInputEnds() throws Exception {
    try (RunningServe serve = new RunningServe()) {
      String address = serve.uri().toString();
      assertTrue(address.matches("http://127\\.0\\.0\\.1:\\d+/"), address);
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(serve.uri()).timeout(Duration.ofSeconds(30)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("<title>gil-lab — be the scheduler</title>"));
      assertEquals(0, serve.stop());
      String e = serve.err();
      assertTrue(
          e.startsWith("gil-lab serve: open " + address + " in a browser; Ctrl-C stops it"), e);
      assertTrue(e.endsWith("gil-lab serve: standard input ended; stopped\n"), e);
      assertTrue(!e.contains("warning"), "loopback needs no warning: " + e);
    }
  }

  @Test
  void forStopsItAfterTheTimeGiven() {
    Cli r = Cli.succeeds("serve", "--port", "0", "--for", "1ms");
    assertTrue(r.out().matches("http://127\\.0\\.0\\.1:\\d+/\\R"), r.out());
  }

  @Test
  void anyOtherAddressThanLoopbackIsWarnedOf() {
    Cli r = Cli.succeeds("serve", "--host", "0.0.0.0", "--port", "0", "--for", "1ms");
    assertEquals(
        "gil-lab serve: warning: listening on 0.0.0.0, not loopback: anyone who can"
            + " reach it can run programs on this machine",
        r.firstErrLine());
  }

  @Test
  void usageErrorsAreOneLineAndExit2() throws Exception {
    assertUsage(Cli.run("serve", "--port", "70000"), "--port must be 0 to 65535, was 70000");
    assertUsage(
        Cli.run("serve", "--for", "soon"),
        "'soon' is not a duration; write e.g. 5ms, 500us, 0.5ms or 1s");
    assertUsage(Cli.run("--quick", "serve"), "--quick does not apply to serve");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli r = Cli.run("serve", "--port", String.valueOf(taken.getLocalPort()), "--for", "1ms");
      assertEquals(2, r.exit());
      assertEquals("", r.out());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(
          r.firstErrLine()
              .startsWith("gil-lab: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
          r.err());
    }
    Cli host = Cli.run("serve", "--host", "no-such-host.invalid", "--for", "1ms");
    assertEquals(2, host.exit());
    assertEquals("gil-lab: --host 'no-such-host.invalid' is no address here", host.err().trim());
  }

  private static void assertUsage(Cli r, String firstLine) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(firstLine, r.firstErrLine());
    assertEquals("", r.out());
    UsageErrorsTest.assertNoStackTrace(r);
  }
}
