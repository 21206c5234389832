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

  /**
   * The document {@code result} makes, indented as {@link #write} writes it.
   *
   * @param result the run's figures
   * @return the JSON document
   * @throws IOException if Jackson cannot serialize it
   */
  public static String toJson(SuiteResult result) throws IOException {
    return MAPPER.writeValueAsString(result);
  }

  /**
   * Writes {@code file} as {@link AtomicFile} does, so a reader never sees half a document; its
   * folder must exist.
   *
   * @param result the run's figures
   * @param file where the document goes; replaced if it exists
   * @throws IOException if the path may not be written or the writing fails; {@code file} is then
   *     as it was
   */
  public static void write(SuiteResult result, Path file) throws IOException {
    AtomicFile.write(
        file,
        out -> {
          MAPPER.writeValue(out, result);
          return null;
        });
  }

  /**
   * Reads a document {@link #write} wrote; one from before the machine was recorded reads with no
   * machine rows.
   *
   * @param file the document
   * @return the figures it holds
   * @throws IOException if the file cannot be read or is not such a document
   */
  public static SuiteResult read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), SuiteResult.class);
  }
}
