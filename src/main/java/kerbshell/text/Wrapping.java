package kerbshell.text;

import java.util.ArrayList;
import java.util.List;

/** Breaks text into lines of at most a given width at spaces, never inside a word (a longer word stands alone). */
public final class Wrapping {
    private Wrapping() {
    }

    /** The text's lines, each at most {@code width} characters wide. */
    public static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text wrapped to {@code width} with every line after {@code indent} spaces, joined by newlines. */
    public static List<String> indented(String text, int indent, int width) {
        String pad = " ".repeat(indent);
        return lines(text, Math.max(20, width - indent)).stream().map(l -> pad + l).toList();
    }
}
