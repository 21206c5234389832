package dev.gillab.workloads.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.gillab.gil.UserInput;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one handler of the server: checks the Host header, routes a path and method to the page's
 * files or to {@link LabApi}, and turns every {@link HttpError} into its status with a JSON body.
 * Anything else a handler throws is the server's bug: the client gets a bare 500 and the server's
 * standard error one line, never a stack trace in a response. Thread-safe: it keeps no state of its
 * own.
 */
final class Router implements HttpHandler {
  private static final String API = "/api/";

  private final LabApi api;
  private final StaticAssets assets;
  private final ObjectMapper json;
  private final int maxBodyBytes;
  private final Set<String> allowedHosts;
  private final PrintStream log;

  /**
   * @param allowedHosts the Host headers served (host:port, lower case); empty to serve any, as a
   *     server bound to a public address does
   */
  Router(
      LabApi api,
      StaticAssets assets,
      ObjectMapper json,
      int maxBodyBytes,
      Set<String> allowedHosts,
      PrintStream log) {
    this.api = api;
    this.assets = assets;
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.log = log;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      checkHost(ex);
      route(ex, ex.getRequestMethod(), ex.getRequestURI().getPath());
    } catch (HttpError e) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", e.getMessage());
      body.putAll(e.details());
      Exchanges.sendJson(ex, json, e.status(), body);
    } catch (RuntimeException | StackOverflowError e) {
      log.println(
          "gil-lab serve: "
              + UserInput.echo(
                  ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " failed: " + e));
      Exchanges.sendJson(ex, json, 500, Map.of("error", "internal error"));
    } finally {
      ex.close();
    }
  }

  /**
   * A page on another site can make the browser send requests here, and with DNS rebinding even
   * read the answers under its own name; a server bound to loopback answers only to the names of
   * loopback, so such a request gets a 403.
   */
  private void checkHost(HttpExchange ex) {
    if (allowedHosts.isEmpty()) {
      return;
    }
    String host = ex.getRequestHeaders().getFirst("Host");
    if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
      throw new HttpError(403, "this server answers only to its loopback address");
    }
  }

  private void route(HttpExchange ex, String method, String path) throws IOException {
    if (!path.startsWith(API)) {
      StaticAssets.Asset a = assets.at(path).orElseThrow(() -> HttpError.notFound("no such page"));
      allow(ex, method, "GET", "HEAD");
      ex.getResponseHeaders().set("Content-Security-Policy", StaticAssets.CONTENT_SECURITY_POLICY);
      Exchanges.send(ex, 200, a.type(), a.bytes());
      return;
    }
    String[] parts = path.substring(API.length()).split("/", -1);
    switch (parts[0]) {
      case "levels" -> {
        expectLength(parts, 1);
        allow(ex, method, "GET");
        ok(ex, 200, api.levels());
      }
      case "replay" -> {
        expectLength(parts, 1);
        allow(ex, method, "GET");
        ok(ex, 200, api.replay(Exchanges.query(ex)));
      }
      case "sessions" -> sessions(ex, method, parts);
      default -> throw HttpError.notFound("no such endpoint");
    }
  }

  private void sessions(HttpExchange ex, String method, String[] parts) throws IOException {
    if (parts.length == 1) {
      allow(ex, method, "POST");
      ok(ex, 201, api.create(body(ex)));
      return;
    }
    String id = parts[1];
    if (parts.length == 2) {
      allow(ex, method, "GET", "DELETE");
      if (method.equals("GET")) {
        ok(ex, 200, api.state(id));
      } else {
        api.delete(id);
        Exchanges.send(ex, 204, Exchanges.JSON, new byte[0]);
      }
      return;
    }
    expectLength(parts, 3);
    switch (parts[2]) {
      case "step" -> {
        allow(ex, method, "POST");
        ok(ex, 200, api.step(id, body(ex)));
      }
      case "undo" -> {
        allow(ex, method, "POST");
        body(ex); // read and checked like any other, though undo takes nothing
        ok(ex, 200, api.undo(id));
      }
      case "find" -> {
        allow(ex, method, "POST");
        ok(ex, 200, api.find(id, body(ex)));
      }
      default -> throw HttpError.notFound("no such endpoint");
    }
  }

  private JsonNode body(HttpExchange ex) throws IOException {
    return Exchanges.jsonBody(ex, json, maxBodyBytes);
  }

  private void ok(HttpExchange ex, int status, Object value) throws IOException {
    Exchanges.sendJson(ex, json, status, value);
  }

  private static void expectLength(String[] parts, int n) {
    if (parts.length != n) {
      throw HttpError.notFound("no such endpoint");
    }
  }

  /** A 405 with the Allow header unless {@code method} is one of {@code allowed}. */
  private static void allow(HttpExchange ex, String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    ex.getResponseHeaders().set("Allow", String.join(", ", allowed));
    throw new HttpError(405, method + " is not allowed here; use " + String.join(" or ", allowed));
  }
}
