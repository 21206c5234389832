package dev.gillab.workloads;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import org.jspecify.annotations.Nullable;

/**
 * The figures a default run must land in, and a table of many runs' figures against them: the check
 * behind "every figure inside its band in ten runs out of ten". A figure is read from a run's JSON
 * document ({@link JsonResults}); a run without it shows {@code -} and counts as a miss. Stateless.
 */
public final class Bands {
  /**
   * One figure of a run and the band it must land in.
   *
   * @param name the figure's column head, e.g. {@code threads-gil}
   * @param range the band as the table's second row shows it, e.g. {@code >=1.7x}
   * @param holds whether a figure is inside the band
   * @param reader reads the figure from a run's document
   */
  public record Band(String name, String range, DoublePredicate holds, Reader reader) {}

  /** Reads one figure from a run's JSON document, or null if the run has none. */
  @FunctionalInterface
  public interface Reader {
    /**
     * Reads the figure.
     *
     * @param doc a run's JSON document, as {@link JsonResults} writes it
     * @return the figure, or null if the document has none
     */
    @Nullable Double read(JsonNode doc);
  }

  /** The default run's bands: the shapes CPython shows, with the model's margins. */
  public static final ImmutableList<Band> DEFAULT =
      ImmutableList.of(
          new Band(
              "threads-gil", "0.8-1.2x", x -> x >= 0.8 && x <= 1.2, speedup("cpu", "threads-gil")),
          new Band("processes", ">=1.7x", x -> x >= 1.7, speedup("cpu", "processes")),
          new Band("nogil-atomic", ">=1.6x", x -> x >= 1.6, speedup("cpu", "threads-nogil-atomic")),
          new Band("nogil-biased", ">=1.6x", x -> x >= 1.6, speedup("cpu", "threads-nogil-biased")),
          new Band("io threads", ">=12x", x -> x >= 12, speedup("io", "threads-gil")),
          new Band("convoy 1 CPU", ">=20x", x -> x >= 20, slowdown("interval", 1)),
          new Band("convoy 2 CPU", ">=50x", x -> x >= 50, slowdown("interval", 2)),
          new Band("ioPriority 1", "<=3x", x -> x <= 3, slowdown("ioPriority", 1)),
          new Band("ioPriority 2", "<=3x", x -> x <= 3, slowdown("ioPriority", 2)));

  private Bands() {}

  /** The speed-up of {@code mode} in {@code experiment}. */
  static Reader speedup(String experiment, String mode) {
    return doc -> {
      for (JsonNode r : doc.path("results")) {
        if (r.path("experiment").asText().equals(experiment)
            && r.path("mode").asText().equals(mode)) {
          return r.path("speedup").asDouble();
        }
      }
      return null;
    };
  }

  /**
   * The convoy's slowdown under the policy whose label starts with {@code policy}, beside {@code
   * cpuThreads}; 1 when the figure was below its baseline (no slowdown).
   */
  static Reader slowdown(String policy, int cpuThreads) {
    return doc -> {
      for (JsonNode r : doc.path("convoy")) {
        if (r.path("policy").asText().startsWith(policy + "(")
            && r.path("cpuThreads").asInt() == cpuThreads) {
          return r.path("belowBaseline").asBoolean() ? 1.0 : r.path("slowdown").asDouble();
        }
      }
      return null;
    };
  }

  /**
   * A table: a row per run (named by {@code names}) with each band's figure, a {@code *} after a
   * miss and the run's busy-machine flag, then a row counting the runs inside each band.
   *
   * @param bands the bands, one column each, in the order given
   * @param names each run's name, in the order of {@code docs}; at least as many as there are
   *     documents
   * @param docs each run's JSON document
   * @return the table, its lines ending with the platform's line separator
   * @throws IllegalArgumentException if there are fewer names than documents
   */
  public static String table(List<Band> bands, List<String> names, List<JsonNode> docs) {
    checkArgument(
        names.size() >= docs.size(), "%s name(s) for %s document(s)", names.size(), docs.size());
    List<String[]> cells = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("run"));
    bands.forEach(b -> head.add(b.name()));
    head.add("busy machine");
    cells.add(head.toArray(String[]::new));
    List<String> range = new ArrayList<>(List.of("band"));
    bands.forEach(b -> range.add(b.range()));
    range.add("");
    cells.add(range.toArray(String[]::new));
    int[] inside = new int[bands.size()];
    for (int i = 0; i < docs.size(); i++) {
      JsonNode doc = docs.get(i);
      List<String> row = new ArrayList<>(List.of(names.get(i)));
      for (int b = 0; b < bands.size(); b++) {
        @Nullable Double x = bands.get(b).reader().read(doc);
        boolean ok = x != null && bands.get(b).holds().test(x);
        inside[b] += ok ? 1 : 0;
        row.add(x == null ? "-" : String.format(Locale.ROOT, "%.2fx", x) + (ok ? "" : "*"));
      }
      row.add(doc.path("busyMachine").isTextual() ? "yes" : "no");
      cells.add(row.toArray(String[]::new));
    }
    List<String> count = new ArrayList<>(List.of("inside"));
    for (int n : inside) {
      count.add(n + "/" + docs.size());
    }
    count.add("");
    cells.add(count.toArray(String[]::new));
    return ResultTable.columns(cells.toArray(String[][]::new));
  }
}
