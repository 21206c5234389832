package dev.gillab.workloads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gillab.workloads.internal.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;

/** Writes and reads {@link SuiteResult} as JSON (the {@code --json FILE} document). */
public final class JsonResults {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonResults() {}

  public static String toJson(SuiteResult result) throws IOException {
    return MAPPER.writeValueAsString(result);
  }

  /**
   * Writes {@code file} as {@link AtomicFile} does, so a reader never sees half a document; its
   * folder must exist.
   */
  public static void write(SuiteResult result, Path file) throws IOException {
    AtomicFile.write(
        file,
        out -> {
          MAPPER.writeValue(out, result);
          return null;
        });
  }

  public static SuiteResult read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), SuiteResult.class);
  }
}
