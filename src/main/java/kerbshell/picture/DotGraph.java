package kerbshell.picture;

import java.util.Locale;

/**
 * The delegation graph in Graphviz's dot language: hosts as nodes, one edge per delegation, drawn by kind
 * (protocol transition solid green, Kerberos only solid blue, resource-based purple with an open
 * arrow, unconstrained bold orange) and needed-but-missing edges dashed red. A legend cluster names the kinds.
 */
public final class DotGraph {
    private DotGraph() {
    }

    public static String of(MeshPicture picture) {
        StringBuilder dot = new StringBuilder();
        dot.append("digraph delegation {\n");
        dot.append("  label=").append(quote(picture.title())).append(";\n");
        dot.append("  labelloc=t;\n  rankdir=LR;\n");
        dot.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        dot.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        for (String host : picture.hosts()) {
            dot.append("  ").append(quote(host)).append(";\n");
        }
        for (MeshPicture.Edge edge : picture.edges()) {
            dot.append("  ").append(quote(edge.from())).append(" -> ").append(quote(edge.to()))
                    .append(" [").append(style(edge.kind())).append(", class=")
                    .append(quote(edge.kind().name().toLowerCase(Locale.ROOT))).append("];\n");
        }
        dot.append("  subgraph cluster_legend {\n    label=\"legend\";\n    fontsize=10;\n");
        dot.append("    node [shape=plaintext, style=\"\", fontsize=10];\n");
        int i = 0;
        for (MeshPicture.EdgeKind kind : MeshPicture.EdgeKind.values()) {
            String from = "legend_" + i + "_a";
            String to = "legend_" + i + "_b";
            dot.append("    ").append(from).append(" [label=\"\"];\n");
            dot.append("    ").append(to).append(" [label=").append(quote(kind.meaning())).append("];\n");
            dot.append("    ").append(from).append(" -> ").append(to).append(" [").append(style(kind)).append("];\n");
            i++;
        }
        dot.append("  }\n}\n");
        return dot.toString();
    }

    static String style(MeshPicture.EdgeKind kind) {
        return switch (kind) {
            case PROTOCOL_TRANSITION -> "color=\"#2e7d32\", style=solid, label=\"any protocol\"";
            case KERBEROS_ONLY -> "color=\"#1565c0\", style=solid, label=\"Kerberos only\"";
            case RBCD -> "color=\"#6a1b9a\", style=solid, arrowhead=empty, label=\"RBCD\"";
            case UNCONSTRAINED -> "color=\"#e65100\", style=bold, label=\"unconstrained\"";
            case MISSING -> "color=\"#c62828\", style=dashed, label=\"missing\"";
        };
    }

    /** A dot ID in double quotes, with quotes and backslashes escaped. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
