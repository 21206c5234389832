package dev.gillab.workloads;

import dev.gillab.threads.tally.internal.TextTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Renders experiment rows as the fixed-width table {@code gil-lab} prints: mode, policy, workers,
 * median seconds, speed-up over {@code sequential}, GIL switches, % of time waiting for the GIL. A
 * dash stands where a mode has no such figure.
 */
public final class ResultTable {
  private static final String[] HEADERS = {
    "mode", "policy", "workers", "median s", "speed-up", "GIL switches", "GIL wait %"
  };

  private ResultTable() {}

  /**
   * The table of {@code cpu} or {@code io} rows under {@code title}.
   *
   * @param title the line above the table, e.g. the experiment and its sizes
   * @param rows the rows, one line each in the order given
   * @return the title and the table, every line ending with the platform's line separator
   */
  public static String render(String title, List<ResultRow> rows) {
    String[][] cells = new String[rows.size() + 1][];
    cells[0] = HEADERS;
    for (int r = 0; r < rows.size(); r++) {
      ResultRow row = rows.get(r);
      cells[r + 1] =
          new String[] {
            row.mode(),
            row.policy(),
            Integer.toString(row.workers()),
            String.format(Locale.ROOT, "%.3f", row.medianSeconds()),
            String.format(Locale.ROOT, "%.2fx", row.speedup()),
            row.gilSwitches() == null ? "-" : String.format(Locale.ROOT, "%,d", row.gilSwitches()),
            row.gilWaitPercent() == null
                ? "-"
                : String.format(Locale.ROOT, "%.1f", row.gilWaitPercent())
          };
    }
    return title + System.lineSeparator() + columns(cells);
  }

  /**
   * The convoy table: round trips alone and beside CPU-bound threads, and the slowdown, under a
   * title line; followed by {@link ConvoyRow#NONE_NOTE} when a row is below its baseline.
   *
   * @param rows the rows, one line each in the order given
   * @return the title, the table and any note, every line ending with the platform's line separator
   */
  public static String renderConvoy(List<ConvoyRow> rows) {
    String[][] cells = new String[rows.size() + 1][];
    cells[0] =
        new String[] {"policy", "CPU threads", "round trip alone µs", "beside CPU µs", "slowdown"};
    for (int r = 0; r < rows.size(); r++) {
      ConvoyRow row = rows.get(r);
      cells[r + 1] =
          new String[] {
            row.policy(),
            Integer.toString(row.cpuThreads()),
            String.format(Locale.ROOT, "%.1f", row.roundTripMicrosAlone()),
            String.format(Locale.ROOT, "%.1f", row.roundTripMicrosBesideCpu()),
            row.slowdownText()
          };
    }
    String table =
        "convoy — echo round trips alone and beside CPU-bound threads"
            + System.lineSeparator()
            + columns(cells);
    return rows.stream().anyMatch(ConvoyRow::belowBaseline)
        ? table + System.lineSeparator() + ConvoyRow.NONE_NOTE + System.lineSeparator()
        : table;
  }

  /**
   * The race table: what the heap caught per mode and count strategy, with {@code clean} or {@code
   * CORRUPTED} as the verdict, under a title line.
   *
   * @param rows the rows, one line each in the order given
   * @return the title and the table, every line ending with the platform's line separator
   */
  public static String renderRace(List<RaceRow> rows) {
    String[][] cells = new String[rows.size() + 1][];
    cells[0] =
        new String[] {
          "mode",
          "policy",
          "counts",
          "threads",
          "appends",
          "list length",
          "use-after-free",
          "leaks",
          "verdict"
        };
    for (int r = 0; r < rows.size(); r++) {
      RaceRow row = rows.get(r);
      cells[r + 1] =
          new String[] {
            row.mode(),
            row.policy(),
            row.counts(),
            Integer.toString(row.threads()),
            String.format(Locale.ROOT, "%,d", row.expectedLength()),
            String.format(Locale.ROOT, "%,d", row.listLength()),
            String.format(Locale.ROOT, "%,d", row.useAfterFree()),
            String.format(Locale.ROOT, "%,d", row.leaks()),
            row.clean() ? "clean" : "CORRUPTED"
          };
    }
    return "race — a shared list hammered by 2 threads; what the heap caught"
        + System.lineSeparator()
        + columns(cells);
  }

  /**
   * The deadlock lines under a title line: per row whether the cycle was detected and the run
   * recovered, and its seconds, then, indented, the cycle found.
   *
   * @param rows the rows, in the order given
   * @return the lines, each ending with the platform's line separator
   */
  public static String renderDeadlock(List<DeadlockRow> rows) {
    StringBuilder out =
        new StringBuilder("deadlock — opposite-order acquisition").append(System.lineSeparator());
    for (DeadlockRow row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%s: detected %s, recovered %s, %.3f s%n",
              row.scenario(),
              row.detected() ? "yes" : "NO",
              row.recovered() ? "yes" : "NO",
              row.seconds()));
      if (row.detected()) {
        out.append("  ").append(row.cycle()).append(System.lineSeparator());
      }
    }
    return out.toString();
  }

  /**
   * One line per skipped mode, or nothing.
   *
   * @param rows the skipped modes, in the order given
   * @return a line per row naming the mode, the policy and the reason, each ending with the
   *     platform's line separator; empty when {@code rows} is
   */
  public static String renderSkipped(List<SkippedRow> rows) {
    StringBuilder out = new StringBuilder();
    for (SkippedRow row : rows) {
      out.append("skipped: ")
          .append(row.mode())
          .append(" (policy ")
          .append(row.policy())
          .append("): ")
          .append(row.reason())
          .append(System.lineSeparator());
    }
    return out.toString();
  }

  /** Left-aligns the first two columns (names) and right-aligns the rest (figures). */
  static String columns(String[][] cells) {
    return columns(cells, 2);
  }

  /** The first {@code leftColumns} columns are words, aligned left; the rest figures, right. */
  static String columns(String[][] cells, int leftColumns) {
    List<TextTable.Align> aligns = new ArrayList<>();
    for (int c = 0; c < cells[0].length; c++) {
      aligns.add(c < leftColumns ? TextTable.Align.LEFT : TextTable.Align.RIGHT);
    }
    TextTable table = new TextTable(Arrays.asList(cells[0]), aligns);
    for (int r = 1; r < cells.length; r++) {
      table.row(cells[r]);
    }
    return table.render().replace("\n", System.lineSeparator());
  }
}
