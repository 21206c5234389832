package dev.gillab.workloads.serve;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.common.base.Splitter;
import com.google.common.io.ByteStreams;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reading requests and writing responses on the JDK's {@link HttpExchange}: a body read up to a
 * limit and no further (413 past it, whatever the client claims), JSON parsed with a 400 for
 * anything that is not, the query string decoded, and every response sent with its length and the
 * headers that keep a browser from guessing types or caching a session's state.
 */
final class Exchanges {
  static final String JSON = "application/json; charset=utf-8";

  /** The most of a refused body that is read and dropped before the 413 goes out: 1 MiB. */
  static final long DRAIN_BYTES = 1 << 20;

  private Exchanges() {}

  /**
   * The request's body as JSON; {@link NullNode} for an empty body.
   *
   * @throws HttpError 413 if it is longer than {@code maxBytes}, 415 if a body is not declared
   *     JSON, 400 if it does not parse
   */
  static JsonNode jsonBody(HttpExchange ex, ObjectMapper json, int maxBytes) throws IOException {
    byte[] body = body(ex, maxBytes);
    if (body.length == 0) {
      return NullNode.getInstance();
    }
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    // A form or text/plain POST needs no preflight: refusing them keeps other sites' pages
    // from sending programs here through the user's browser.
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new HttpError(415, "the body must be JSON, sent as Content-Type: application/json");
    }
    try {
      JsonNode n = json.readTree(body);
      return n == null ? NullNode.getInstance() : n;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw HttpError.badRequest(
          "the body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
  }

  /**
   * The body, read up to {@code maxBytes}; a 413 as soon as it is known to be longer, after the
   * rest of the body is read and dropped (see {@link #refuseTooLarge}).
   */
  static byte[] body(HttpExchange ex, int maxBytes) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long n;
      try {
        n = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw HttpError.badRequest("Content-Length is not a number");
      }
      if (n > maxBytes) {
        throw refuseTooLarge(ex, maxBytes);
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      // A chunked body declares nothing: read one byte past the limit to know.
      byte[] b = in.readNBytes(maxBytes + 1);
      if (b.length > maxBytes) {
        throw refuseTooLarge(ex, maxBytes);
      }
      return b;
    }
  }

  /**
   * The 413 for a body over {@code maxBytes}, once the rest of it is read and dropped, up to {@link
   * #DRAIN_BYTES}: the JDK's server drains 64 KiB of an unread body at most and then closes the
   * connection with the rest unread, and a client still sending, or one that sends its next request
   * on that kept-alive connection, reads a reset instead of the 413. A body longer still is not
   * read to its end: the reply says {@code Connection: close}, so that at least no client reuses
   * the connection.
   */
  private static HttpError refuseTooLarge(HttpExchange ex, int maxBytes) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      ByteStreams.exhaust(ByteStreams.limit(in, DRAIN_BYTES));
      if (in.read() >= 0) { // longer than that: the rest stays unread
        ex.getResponseHeaders().set("Connection", "close");
      }
    }
    return new HttpError(413, "the body is larger than " + maxBytes / 1024 + " KiB, the most");
  }

  /** The query string's parameters, decoded; the first value of each name wins. */
  static Map<String, String> query(HttpExchange ex) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : Splitter.on('&').split(raw)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        q.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw HttpError.badRequest("the query string is not properly escaped");
      }
    }
    return q;
  }

  /** Sends {@code value} as JSON with {@code status}. */
  static void sendJson(HttpExchange ex, ObjectMapper json, int status, Object value)
      throws IOException {
    send(ex, status, JSON, json.writeValueAsBytes(value));
  }

  /** Sends {@code body} with {@code status} and {@code type}, and closes the exchange. */
  static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    }
  }
}
