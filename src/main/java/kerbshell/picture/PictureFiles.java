package kerbshell.picture;

import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a check's pictures to the files asked for: the dot graph, the SVG Graphviz renders from it, and the HTML
 * report. Each file is written whole (to a temporary file beside it, then moved), so a failure leaves no half file.
 *
 * @param dot  where the Graphviz source goes, or null
 * @param svg  where the rendered SVG goes, or null (needs Graphviz)
 * @param html where the report page goes, or null (inlines the SVG when Graphviz is installed)
 */
public record PictureFiles(Path dot, Path svg, Path html) {

    public boolean any() {
        return dot != null || svg != null || html != null;
    }

    /** Writes the files and returns one line per file written, for the person at the terminal. */
    public List<String> write(MeshPicture picture) {
        return write(picture, Graphviz.find());
    }

    /**
     * The same with the Graphviz given (none: not installed). The SVG is rendered before any file is written, so
     * a missing Graphviz leaves no file behind.
     */
    List<String> write(MeshPicture picture, Optional<Graphviz> graphviz) {
        List<String> written = new ArrayList<>();
        String graph = DotGraph.of(picture);
        String rendered = null;
        if (svg != null) {
            rendered = graphviz.orElseThrow(() -> kerbshell.error.KerbshellException.failure(Graphviz.HOW_TO_GET))
                    .svg(graph);
        } else if (html != null) {
            rendered = graphviz.map(g -> g.svg(graph)).orElse(null);
        }
        if (dot != null) {
            save(dot, graph);
            written.add("delegation graph written to " + dot + " (Graphviz dot)");
        }
        if (svg != null) {
            save(svg, rendered);
            written.add("delegation graph rendered to " + svg);
        }
        if (html != null) {
            save(html, HtmlReport.of(picture, rendered, Graphviz.HOW_TO_GET));
            written.add("report written to " + html + (rendered == null ? " (without the graph: "
                    + Graphviz.HOW_TO_GET + ")" : ""));
        }
        return written;
    }

    private static void save(Path file, String text) {
        Path absolute = file.toAbsolutePath();
        try {
            Path temporary = Files.createTempFile(absolute.getParent(), ".kerbshell-", ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw KerbshellException.failure("cannot write " + file + ": " + e.getMessage()
                    + " (check the folder exists and is writable)", e);
        }
    }
}
