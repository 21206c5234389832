package dev.gillab.threads.tally.internal;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with padded columns, two spaces apart; the last column is never padded, so
 * lines carry no trailing blanks. Not API.
 *
 * <p>Not thread-safe: build and render it on one thread.
 */
public final class TextTable {

  /** Which side of its column a cell sticks to. */
  public enum Align {
    LEFT,
    RIGHT
  }

  private final ImmutableList<String> headers;
  private final ImmutableList<Align> aligns;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with these headers; {@code aligns} has one entry per header. */
  public TextTable(List<String> headers, List<Align> aligns) {
    checkArgument(
        headers.size() == aligns.size(),
        "%s headers but %s alignments",
        headers.size(),
        aligns.size());
    this.headers = ImmutableList.copyOf(headers);
    this.aligns = ImmutableList.copyOf(aligns);
  }

  /** Adds a row; it needs one cell per column. */
  public TextTable row(String... cells) {
    checkArgument(
        cells.length == headers.size(),
        "a row needs %s cells, got %s",
        headers.size(),
        cells.length);
    rows.add(ImmutableList.copyOf(cells));
    return this;
  }

  /** The header line and every row, each line ending in a newline. */
  public String render() {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendLine(out, headers, widths);
    for (List<String> row : rows) {
      appendLine(out, row, widths);
    }
    return out.toString();
  }

  private void appendLine(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        line.append("  ");
      }
      boolean last = c == cells.size() - 1;
      String cell = cells.get(c);
      if (aligns.get(c) == Align.RIGHT) {
        line.append(Strings.padStart(cell, widths[c], ' '));
      } else {
        line.append(last ? cell : Strings.padEnd(cell, widths[c], ' '));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
