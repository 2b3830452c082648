package kerbshell.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain-text layout helpers for {@link Renderable#renderText}: lines, labelled values and aligned tables, and
 * colour where the output is a terminal (never in files, pipes or when NO_COLOR is set).
 */
public final class TextOut {
    private final PrintWriter out;
    private final boolean colour;
    private final ChangeForm changeForm;

    public TextOut(PrintWriter out) {
        this(out, false);
    }

    public TextOut(PrintWriter out, boolean colour) {
        this(out, colour, ChangeForm.LDIF_AND_POWERSHELL);
    }

    public TextOut(PrintWriter out, boolean colour, ChangeForm changeForm) {
        this.out = out;
        this.colour = colour;
        this.changeForm = changeForm;
    }

    /** How planned directory changes are shown on this output ({@code --as}). */
    public ChangeForm changeForm() {
        return changeForm;
    }

    /** Terminal colours for marks that carry a verdict. */
    public enum Paint {
        GREEN("32"), YELLOW("33"), RED("31"), DIM("2");

        private final String code;

        Paint(String code) {
            this.code = code;
        }
    }

    /** The text in the colour on a terminal, as it is elsewhere. */
    public String paint(String text, Paint paint) {
        return colour ? "\u001B[" + paint.code + "m" + text + "\u001B[0m" : text;
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
                    widths[i] = Math.max(widths[i], visible(row.get(i)));
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
                String cell = cells.get(i);
                line.append(last ? cell : cell + " ".repeat(widths[i] - visible(cell) + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** The width a cell takes on the screen: colour escapes take none. */
    private static int visible(String cell) {
        return cell.replaceAll("\u001B\\[[0-9;]*m", "").length();
    }
}
