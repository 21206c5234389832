package dev.gillab.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeClassPathTest {
  @Test
  void manifestOnlyJarIsExpandedRelativeToItsFolder(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("booter.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "classes/ lib/a.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.finish(); // only the manifest
    }
    String expanded =
        RuntimeClassPath.expandManifestOnlyJars(jar.toString() + File.pathSeparator + "other");
    assertEquals(
        String.join(
            File.pathSeparator,
            jar.toString(),
            dir.resolve("classes").toString(),
            dir.resolve("lib/a.jar").toString(),
            "other"),
        expanded);
  }

  @Test
  void plainEntriesStayAsTheyAre() {
    assertEquals(
        "a" + File.pathSeparator + "b.jar",
        RuntimeClassPath.expandManifestOnlyJars("a" + File.pathSeparator + "b.jar"));
  }
}
