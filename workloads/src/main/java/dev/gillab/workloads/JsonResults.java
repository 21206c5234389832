package dev.gillab.workloads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads {@link SuiteResult} as JSON (the {@code --json FILE} document). */
public final class JsonResults {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonResults() {}

  public static String toJson(SuiteResult result) throws IOException {
    return MAPPER.writeValueAsString(result);
  }

  /** Writes through a temporary file, so a reader never sees half a document. */
  public static void write(SuiteResult result, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, absolute.getFileName().toString(), ".tmp");
    try {
      MAPPER.writeValue(tmp.toFile(), result);
      Files.move(tmp, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static SuiteResult read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), SuiteResult.class);
  }
}
