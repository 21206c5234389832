package dev.gillab.process.internal;

import com.google.common.base.Splitter;
import com.google.common.base.Strings;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Finds, at run time, the class path a child JVM needs to load the same classes as this one.
 *
 * <p>{@code java.class.path} alone is not enough: test runners may start the JVM with a
 * manifest-only jar whose {@code Class-Path} attribute holds the real entries, and {@code mvn
 * exec:java} loads the project into a {@link URLClassLoader} inside Maven's own JVM. Stateless;
 * thread-safe.
 */
public final class RuntimeClassPath {

  /** System property that, when set, is used verbatim as the child class path. */
  public static final String OVERRIDE_PROPERTY = "gillab.child.classpath";

  private RuntimeClassPath() {}

  /** The class path for a child JVM that must load {@code anchor} and its neighbours. */
  public static String forChildOf(Class<?> anchor) {
    String override = System.getProperty(OVERRIDE_PROPERTY);
    if (!Strings.isNullOrEmpty(override)) {
      return override;
    }
    List<String> fromLoaders = urlLoaderEntries(anchor.getClassLoader());
    if (!fromLoaders.isEmpty()) {
      return String.join(File.pathSeparator, fromLoaders);
    }
    String surefire = System.getProperty("surefire.test.class.path");
    if (!Strings.isNullOrEmpty(surefire)) {
      return surefire;
    }
    return expandManifestOnlyJars(System.getProperty("java.class.path", ""));
  }

  /** Entries of every {@link URLClassLoader} from {@code loader} up to the system loader. */
  static List<String> urlLoaderEntries(ClassLoader loader) {
    List<String> entries = new ArrayList<>();
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l == ClassLoader.getSystemClassLoader() || l == ClassLoader.getPlatformClassLoader()) {
        break;
      }
      if (l instanceof URLClassLoader urlLoader) {
        for (URL url : urlLoader.getURLs()) {
          if ("file".equals(url.getProtocol())) {
            entries.add(toPath(url.toString()).toString());
          }
        }
      }
    }
    return entries;
  }

  /**
   * Replaces a jar whose manifest has a {@code Class-Path} (a launcher's "manifest-only jar") with
   * the entries it names, resolved against the jar's folder. Other entries stay.
   */
  public static String expandManifestOnlyJars(String classPath) {
    Set<String> out = new LinkedHashSet<>();
    for (String entry : Splitter.on(File.pathSeparatorChar).omitEmptyStrings().split(classPath)) {
      out.add(entry);
      if (entry.endsWith(".jar") && new File(entry).isFile()) {
        out.addAll(manifestClassPath(Paths.get(entry)));
      }
    }
    return String.join(File.pathSeparator, out);
  }

  private static List<String> manifestClassPath(Path jar) {
    List<String> entries = new ArrayList<>();
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      Manifest manifest = jarFile.getManifest();
      String attribute =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (attribute == null) {
        return entries;
      }
      URI base = jar.toAbsolutePath().getParent().toUri();
      for (String ref : Splitter.on(' ').omitEmptyStrings().split(attribute)) {
        entries.add(toPath(base.resolve(ref).toString()).toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest of " + jar, e);
    }
    return entries;
  }

  private static Path toPath(String uri) {
    try {
      return Paths.get(new URI(uri));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a file URI: " + uri, e);
    }
  }
}
