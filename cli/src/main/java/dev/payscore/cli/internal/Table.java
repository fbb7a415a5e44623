package dev.payscore.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A plain-text table: columns as wide as their widest cell, two spaces apart, a header line. Cells
 * are printed as they are (escape them first when they can hold control characters).
 */
public final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = List.of(header);
  }

  public Table row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + header.size() + " columns");
    }
    rows.add(Arrays.stream(cells).map(c -> Objects.requireNonNullElse(c, "")).toList());
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintWriter out) {
    int[] widths = new int[header.size()];
    for (List<String> line : allLines()) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).codePointCount(0, line.get(i).length()));
      }
    }
    for (List<String> line : allLines()) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = line.get(i);
        text.append(cell);
        if (i < widths.length - 1) {
          text.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
        }
      }
      out.println(text.toString().stripTrailing());
    }
    out.flush();
  }

  private List<List<String>> allLines() {
    List<List<String>> lines = new ArrayList<>(rows.size() + 1);
    lines.add(header);
    lines.addAll(rows);
    return lines;
  }
}
