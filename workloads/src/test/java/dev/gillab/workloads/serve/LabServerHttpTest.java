package dev.gillab.workloads.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's answers to requests it must refuse, each with its status and a one-line JSON error
 * and never a stack trace: unknown paths and sessions, wrong methods, oversized bodies (declared
 * and chunked), bodies that are not JSON or not declared JSON, a foreign Host; and the page's files
 * with their headers.
 */
class LabServerHttpTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private LabServer server;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    server =
        LabServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            ServeLimits.defaults(),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    http = new Http(server.uri());
  }

  @AfterEach
  void stop() {
    server.close();
    assertEquals("", log.toString(StandardCharsets.UTF_8), "no request failed on the server");
  }

  /** A refusal: the status, a JSON body whose error is one line, and no trace of Java in it. */
  static void assertRefused(int status, String errorStart, Http.Reply r) {
    assertEquals(status, r.status(), r.body());
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
    String error = r.json().get("error").asText();
    assertTrue(error.startsWith(errorStart), error);
    assertFalse(error.contains("\n"), error);
    assertNoJavaIn(r.body());
  }

  static void assertNoJavaIn(String body) {
    for (String trace : new String[] {"Exception", "at dev.", "at java.", ".java:"}) {
      assertFalse(body.contains(trace), body);
    }
  }

  @Test
  void servesThePageItsScriptAndStyleFromTheJar() {
    Http.Reply page = http.get("/");
    assertEquals(200, page.status());
    assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
    assertTrue(page.body().contains("<script src=\"lab.js\" defer></script>"), page.body());
    assertTrue(
        page.header("Content-Security-Policy").startsWith("default-src 'none'; script-src 'self'"));
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    assertEquals(200, http.get("/lab.js").status());
    assertEquals("text/css; charset=utf-8", http.get("/lab.css").header("Content-Type"));
  }

  @Test
  void unknownPathsAndSessionsAre404() {
    assertRefused(404, "no such page", http.get("/etc/passwd"));
    assertRefused(404, "no such page", http.get("/../pom.xml"));
    assertRefused(404, "no such endpoint", http.get("/api/nothing"));
    assertRefused(404, "no such endpoint", http.get("/api/levels/extra"));
    assertRefused(404, "no such session", http.get("/api/sessions/AAAAAAAAAAAAAAAAAAAAAA"));
    assertRefused(
        404,
        "no such session",
        http.post("/api/sessions/AAAAAAAAAAAAAAAAAAAAAA/step", "{\"thread\": 0}"));
    assertRefused(404, "no such session", http.post("/api/sessions/x/undo", ""));
    assertRefused(
        404,
        "no such session",
        http.send("DELETE", "/api/sessions/x", null, HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void aWrongMethodIs405WithTheAllowedOnes() {
    Http.Reply r = http.post("/api/levels", "{}");
    assertRefused(405, "POST is not allowed here; use GET", r);
    assertEquals("GET", r.header("Allow"));
    Http.Reply s = http.get("/api/sessions");
    assertRefused(405, "GET is not allowed here; use POST", s);
    assertEquals("POST", s.header("Allow"));
    assertRefused(
        405,
        "PUT is not allowed here",
        http.send("PUT", "/", "application/json", HttpRequest.BodyPublishers.ofString("{}")));
  }

  @Test
  void aBodyOver64KiBIs413WhetherDeclaredOrChunked() {
    byte[] big =
        ("{\"source\": \"" + "x".repeat(64 << 10) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertTooLarge(HttpRequest.BodyPublishers.ofByteArray(big));
    assertTooLarge(chunked(big));
  }

  private static final int ROUNDS_OF_REFUSED_BODIES = 20;

  /**
   * Bodies four times the limit, declared and chunked, round after round on one client: the server
   * reads and drops each refused body before it answers, so the client reads every 413 and its next
   * request finds the connection whole. (The JDK's server drains 64 KiB of an unread body at most,
   * then closes the connection, and a request sent on it read no reply at all: one run in four with
   * two rounds, so the test takes {@value #ROUNDS_OF_REFUSED_BODIES}.)
   */
  @Test
  void bodiesFarOverTheLimitEachGetTheir413() {
    byte[] huge =
        ("{\"source\": \"" + "x".repeat(256 << 10) + "\"}").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < ROUNDS_OF_REFUSED_BODIES; i++) {
      assertTooLarge(HttpRequest.BodyPublishers.ofByteArray(huge));
      assertTooLarge(chunked(huge));
    }
    assertEquals(200, http.get("/api/levels").status(), "the request after the refused ones");
  }

  /** Posts {@code body} as a new session's JSON and checks the server refused it as too large. */
  private void assertTooLarge(HttpRequest.BodyPublisher body) {
    assertRefused(
        413,
        "the body is larger than 64 KiB, the most",
        http.send("POST", "/api/sessions", "application/json", body));
  }

  /** {@code bytes} sent with no declared length: HTTP/1.1 chunks. */
  private static HttpRequest.BodyPublisher chunked(byte[] bytes) {
    return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
  }

  @Test
  void aBodyThatIsNotJsonIs400AndOneNotDeclaredJsonIs415() {
    assertRefused(
        400,
        "the body is not valid JSON (line 1, column ",
        http.post("/api/sessions", "{\"level\": "));
    assertRefused(400, "the body is not valid JSON", http.post("/api/sessions", "level=1"));
    assertRefused(400, "send a JSON object", http.post("/api/sessions", "[1, 2]"));
    assertRefused(
        415,
        "the body must be JSON",
        http.post(
            "/api/sessions", "application/x-www-form-urlencoded", "level=lost-update-no-gil"));
    assertRefused(
        415,
        "the body must be JSON",
        http.post("/api/sessions", "text/plain", "{\"level\": \"lost-update-no-gil\"}"));
  }

  @Test
  void aRequestForAnotherHostIs403OnLoopback() throws Exception {
    int port = server.port();
    assertEquals(
        "HTTP/1.1 403 Forbidden",
        Http.rawStatusLine(
            server.uri(),
            "GET /api/levels HTTP/1.1\r\nHost: attacker.example:"
                + port
                + "\r\nConnection: close\r\n\r\n"));
    assertEquals(
        "HTTP/1.1 403 Forbidden",
        Http.rawStatusLine(
            server.uri(), "GET / HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n"));
    assertEquals(
        "HTTP/1.1 200 OK",
        Http.rawStatusLine(
            server.uri(),
            "GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n"));
  }
}
