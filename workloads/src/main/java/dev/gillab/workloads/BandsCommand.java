package dev.gillab.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gillab.gil.UserInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gil-lab bands FILE...}: the figures of several runs' JSON documents ({@code --json})
 * against the bands a default run must land in ({@link Bands#DEFAULT}), one row per run, and how
 * many runs landed inside each band.
 */
@Command(
    name = "bands",
    mixinStandardHelpOptions = true,
    description =
        "Several runs' figures (their --json files) against the bands a default run"
            + " must land in.")
final class BandsCommand extends Subcommand {
  /** A run's JSON document is a few kilobytes; anything far larger is not one. */
  private static final long MAX_BYTES = 16 << 20;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "JSON files written by --json.")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() {
    refuseTheTopOptions();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> docs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path f : files) {
      try {
        if (!Files.isRegularFile(f) || Files.size(f) > MAX_BYTES) {
          throw new IOException("not a run's JSON file");
        }
        JsonNode doc = json.readTree(f.toFile());
        if (doc == null || !doc.has("results")) {
          throw new IOException("no \"results\" in it: not written by --json");
        }
        docs.add(doc);
        names.add(f.getFileName().toString());
      } catch (IOException e) {
        throw usageError(
            UserInput.echo(f.toString()) + ": " + UserInput.echo(String.valueOf(e.getMessage())));
      }
    }
    parent.out.print(Bands.table(Bands.DEFAULT, names, docs));
    return 0;
  }
}
