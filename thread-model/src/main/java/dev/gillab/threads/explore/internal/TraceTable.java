package dev.gillab.threads.explore.internal;

import com.google.common.base.Strings;
import dev.gillab.threads.explore.TraceRow;
import java.util.List;

/** Renders a trace with a column per thread and a row per step. */
public final class TraceTable {
  private TraceTable() {}

  public static String render(List<String> threads, List<TraceRow> rows) {
    int indexWidth = Math.max(1, String.valueOf(rows.size()).length());
    int[] widths = new int[threads.size()];
    for (int i = 0; i < threads.size(); i++) {
      widths[i] = threads.get(i).length();
    }
    for (TraceRow row : rows) {
      int col = threads.indexOf(row.thread());
      widths[col] = Math.max(widths[col], row.cell().length());
    }
    StringBuilder out = new StringBuilder();
    String[] header = threads.toArray(new String[0]);
    line(out, " ".repeat(indexWidth), header, widths);
    String[] rule = new String[threads.size()];
    for (int i = 0; i < rule.length; i++) {
      rule[i] = "-".repeat(widths[i]);
    }
    line(out, "-".repeat(indexWidth), rule, widths);
    for (TraceRow row : rows) {
      String[] cells = new String[threads.size()];
      cells[threads.indexOf(row.thread())] = row.cell();
      line(out, Strings.padStart(String.valueOf(row.index()), indexWidth, ' '), cells, widths);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String first, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder(first);
    int last = cells.length - 1;
    while (last > 0 && Strings.isNullOrEmpty(cells[last])) {
      last--; // a row ends at its last filled cell
    }
    for (int i = 0; i <= last; i++) {
      line.append(" | ").append(Strings.padEnd(Strings.nullToEmpty(cells[i]), widths[i], ' '));
    }
    out.append(line.toString().stripTrailing()).append(System.lineSeparator());
  }
}
