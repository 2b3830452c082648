package kerbshell.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Plain-text layout helpers for {@link Renderable#renderText}: lines, labelled values and aligned tables. */
public final class TextOut {
    private final PrintWriter out;

    public TextOut(PrintWriter out) {
        this.out = out;
    }

    public TextOut line(String text) {
        out.println(text);
        return this;
    }

    public TextOut blank() {
        out.println();
        return this;
    }

    /** A "label: value" line with labels padded to {@code width}; null values print as "-". */
    public TextOut field(String label, Object value, int width) {
        String shown = value == null ? "-" : value.toString();
        out.println(String.format("%-" + width + "s %s", label + ":", shown));
        return this;
    }

    public Table table(String... headers) {
        return new Table(Arrays.asList(headers));
    }

    /** Columns sized to their widest cell, two spaces apart; the last column is not padded. */
    public final class Table {
        private final List<String> headers;
        private final List<List<String>> rows = new ArrayList<>();

        private Table(List<String> headers) {
            this.headers = headers;
        }

        public Table row(Object... cells) {
            List<String> row = new ArrayList<>();
            for (Object cell : cells) {
                row.add(cell == null ? "-" : cell.toString());
            }
            rows.add(row);
            return this;
        }

        public TextOut print() {
            int[] widths = new int[headers.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = headers.get(i).length();
                for (List<String> row : rows) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            printRow(headers, widths);
            for (List<String> row : rows) {
                printRow(row, widths);
            }
            return TextOut.this;
        }

        private void printRow(List<String> cells, int[] widths) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                boolean last = i == cells.size() - 1;
                line.append(last ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
