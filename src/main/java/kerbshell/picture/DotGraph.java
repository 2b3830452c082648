package kerbshell.picture;

import java.util.Locale;

/**
 * The delegation graph in Graphviz's dot language: hosts as nodes, one edge per delegation, drawn by kind
 * (protocol transition solid green, Kerberos only solid blue, resource-based purple with an open
 * arrow, unconstrained bold orange) and needed-but-missing edges dashed red. A legend cluster names the kinds.
 * Edges carry their kind as a label too while the graph is small: Graphviz's layout of labelled edges grows much
 * faster than of plain ones (512 labelled edges take it about 50 s of CPU, plain ones 0.5 s), so larger graphs
 * rely on colour, style and the legend.
 */
public final class DotGraph {
    static final int LABELLED_EDGES = 40;

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
        boolean labelled = picture.edges().size() <= LABELLED_EDGES;
        for (MeshPicture.Edge edge : picture.edges()) {
            dot.append("  ").append(quote(edge.from())).append(" -> ").append(quote(edge.to()))
                    .append(" [").append(style(edge.kind(), labelled)).append(", class=")
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
            dot.append("    ").append(from).append(" -> ").append(to).append(" [").append(style(kind, false))
                    .append("];\n");
            i++;
        }
        dot.append("  }\n}\n");
        return dot.toString();
    }

    static String style(MeshPicture.EdgeKind kind, boolean labelled) {
        String style = switch (kind) {
            case PROTOCOL_TRANSITION -> "color=\"#2e7d32\", style=solid";
            case KERBEROS_ONLY -> "color=\"#1565c0\", style=solid";
            case RBCD -> "color=\"#6a1b9a\", style=solid, arrowhead=empty";
            case UNCONSTRAINED -> "color=\"#e65100\", style=bold";
            case MISSING -> "color=\"#c62828\", style=dashed";
        };
        return labelled ? style + ", label=" + quote(label(kind)) : style;
    }

    private static String label(MeshPicture.EdgeKind kind) {
        return switch (kind) {
            case PROTOCOL_TRANSITION -> "any protocol";
            case KERBEROS_ONLY -> "Kerberos only";
            case RBCD -> "RBCD";
            case UNCONSTRAINED -> "unconstrained";
            case MISSING -> "missing";
        };
    }

    /** A dot ID in double quotes, with quotes and backslashes escaped. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
