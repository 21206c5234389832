package dev.gillab.workloads.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The page's three files, read from the jar once when the server starts: {@code /} is the HTML,
 * {@code /lab.js} and {@code /lab.css} its script and style. Nothing else is served from disk, so
 * no path a client sends can reach a file. Immutable.
 */
final class StaticAssets {
  /** The page may load only its own script and style and talk only to its own server. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** A file served: its media type and bytes, copied out to each response. */
  static final class Asset {
    private final String type;
    private final byte[] bytes;

    Asset(String type, byte[] bytes) {
      this.type = type;
      this.bytes = bytes.clone();
    }

    String type() {
      return type;
    }

    byte[] bytes() {
      return bytes.clone();
    }
  }

  private final Map<String, Asset> byPath;

  private StaticAssets(Map<String, Asset> byPath) {
    this.byPath = byPath;
  }

  /**
   * Reads the files bundled beside this class.
   *
   * @throws IllegalStateException if one is missing: the jar was built wrong
   */
  static StaticAssets load() {
    return new StaticAssets(
        Map.of(
            "/", read("index.html", "text/html; charset=utf-8"),
            "/index.html", read("index.html", "text/html; charset=utf-8"),
            "/lab.js", read("lab.js", "text/javascript; charset=utf-8"),
            "/lab.css", read("lab.css", "text/css; charset=utf-8")));
  }

  /** The file served at {@code path}, if any. */
  Optional<Asset> at(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  private static Asset read(String name, String type) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the page's " + name + " is missing from the jar");
      }
      return new Asset(type, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
