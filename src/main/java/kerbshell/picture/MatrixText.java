package kerbshell.picture;

import kerbshell.output.TextOut;

import java.util.ArrayList;
import java.util.List;

/**
 * The matrix as text: rows are sources, columns destinations, one mark per cell, then a legend naming each
 * failing rule shown. Colour (green ok, yellow risk, red blocked) only where {@link TextOut} writes to a terminal.
 */
public final class MatrixText {
    private MatrixText() {
    }

    public static void render(MeshPicture picture, TextOut out) {
        List<String> hosts = picture.hosts();
        String[] header = new String[hosts.size() + 1];
        header[0] = "source \\ destination";
        for (int i = 0; i < hosts.size(); i++) {
            header[i + 1] = hosts.get(i);
        }
        TextOut.Table table = out.table(header);
        for (String source : hosts) {
            List<Object> row = new ArrayList<>();
            row.add(source);
            for (String destination : hosts) {
                row.add(source.equals(destination) ? "#" : picture.cell(source, destination)
                        .map(c -> out.paint(c.mark(), paint(c.verdict()))).orElse("."));
            }
            table.row(row.toArray());
        }
        table.print();
        out.line("legend: ok = nothing blocks, # = the host itself, . = not judged");
        for (MeshPicture.Rule rule : picture.rulesShown()) {
            out.line("  " + rule.mark() + " = " + rule.meaning());
        }
    }

    private static TextOut.Paint paint(MeshPicture.Verdict verdict) {
        return switch (verdict) {
            case OK -> TextOut.Paint.GREEN;
            case RISK -> TextOut.Paint.YELLOW;
            case BLOCKED -> TextOut.Paint.RED;
        };
    }
}
