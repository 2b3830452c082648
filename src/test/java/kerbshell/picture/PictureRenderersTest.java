package kerbshell.picture;

import kerbshell.output.TextOut;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matrix, the dot graph and the HTML page drawn from one picture, without a directory. */
class PictureRenderersTest {
    static final MeshPicture PICTURE = new MeshPicture("check cluster HV01 HV02 HV03", List.of("HV01", "HV02", "HV03"),
            List.of(new MeshPicture.Cell("HV01", "HV02", MeshPicture.Verdict.OK, List.of()),
                    new MeshPicture.Cell("HV02", "HV01", MeshPicture.Verdict.BLOCKED,
                            List.of(MeshPicture.Rule.PROTOCOL_TRANSITION)),
                    new MeshPicture.Cell("HV01", "HV03", MeshPicture.Verdict.BLOCKED,
                            List.of(MeshPicture.Rule.DELEGATION, MeshPicture.Rule.SPN)),
                    new MeshPicture.Cell("HV03", "HV01", MeshPicture.Verdict.RISK,
                            List.of(MeshPicture.Rule.UNCONSTRAINED))),
            List.of(new MeshPicture.Edge("HV01", "HV02", MeshPicture.EdgeKind.PROTOCOL_TRANSITION),
                    new MeshPicture.Edge("HV02", "HV01", MeshPicture.EdgeKind.KERBEROS_ONLY),
                    new MeshPicture.Edge("HV01", "HV03", MeshPicture.EdgeKind.MISSING),
                    new MeshPicture.Edge("HV03", "HV01", MeshPicture.EdgeKind.UNCONSTRAINED),
                    new MeshPicture.Edge("HV02", "HV03", MeshPicture.EdgeKind.RBCD)),
            List.of("BLOCKER HV01 -> HV03: HV01 is not trusted to delegate to HV03 & <others>"),
            List.of("delegate trust HV01 --to HV03"));

    @Test
    void matrixHasOneMarkPerCellAndALegendOfTheRulesShown() {
        String text = matrix(false);
        List<String> lines = text.lines().toList();
        assertEquals("source \\ destination  HV01  HV02  HV03", lines.get(0));
        assertEquals("HV01                  #     ok    S", lines.get(1), "SPN is named before delegation");
        assertEquals("HV02                  P     #     .", lines.get(2));
        assertEquals("HV03                  U     .     #", lines.get(3));
        assertTrue(text.contains("S = SPN: missing on the destination"), text);
        assertTrue(text.contains("D = delegation:"), text);
        assertTrue(text.contains("P = protocol transition:"), text);
        assertTrue(text.contains("U = unconstrained delegation:"), text);
        assertFalse(text.contains("O = operator"), "only the rules some cell fails: " + text);
        assertFalse(text.contains("\u001B["), "no colour off a terminal");
    }

    @Test
    void colourOnlyOnATerminalAndTheColumnsStayAligned() {
        String text = matrix(true);
        assertTrue(text.contains("\u001B[31mS\u001B[0m"), "blocked in red: " + text);
        assertTrue(text.contains("\u001B[32mok\u001B[0m"), "ok in green: " + text);
        assertTrue(text.contains("\u001B[33mU\u001B[0m"), "a risk in yellow: " + text);
        String plain = text.replaceAll("\u001B\\[[0-9;]*m", "");
        assertEquals(matrix(false), plain, "colour adds no width");
    }

    @Test
    void dotDistinguishesEveryKindAndDrawsMissingEdgesDashed() {
        String dot = DotGraph.of(PICTURE);
        assertTrue(dot.startsWith("digraph delegation {"), dot);
        assertTrue(dot.contains("\"HV01\" -> \"HV03\" [color=\"#c62828\", style=dashed, label=\"missing\""), dot);
        assertTrue(dot.contains("\"HV01\" -> \"HV02\" [color=\"#2e7d32\", style=solid, label=\"any protocol\""), dot);
        assertTrue(dot.contains("\"HV02\" -> \"HV01\" [color=\"#1565c0\", style=solid, label=\"Kerberos only\""), dot);
        assertTrue(dot.contains("\"HV02\" -> \"HV03\" [color=\"#6a1b9a\", style=solid, arrowhead=empty, label=\"RBCD\""),
                dot);
        assertTrue(dot.contains("\"HV03\" -> \"HV01\" [color=\"#e65100\", style=bold, label=\"unconstrained\""), dot);
        assertEquals(1, dot.lines().filter(l -> l.contains("style=dashed")).filter(l -> !l.contains("legend")).count(),
                "only the missing edge is dashed");
        assertEquals("\"a \\\"b\\\" \\\\c\"", DotGraph.quote("a \"b\" \\c"));
    }

    @Test
    void largeGraphsLeaveTheLabelsToTheLegendSoGraphvizStaysFast() {
        List<String> hosts = java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(i -> "HV0" + i).toList();
        List<MeshPicture.Edge> edges = new java.util.ArrayList<>();
        hosts.forEach(a -> hosts.stream().filter(b -> !a.equals(b))
                .forEach(b -> edges.add(new MeshPicture.Edge(a, b, MeshPicture.EdgeKind.PROTOCOL_TRANSITION))));
        String dot = DotGraph.of(new MeshPicture("big", hosts, List.of(), edges, List.of(), List.of()));
        assertTrue(edges.size() > DotGraph.LABELLED_EDGES);
        assertEquals(0, dot.lines().filter(l -> l.contains("label=\"any protocol\"")).count(), dot);
        assertTrue(dot.contains("label=\"constrained, any protocol (protocol transition)\""), "the legend names it");
    }

    @Test
    void htmlIsOnePageWithTheMatrixFindingsFixesAndTheGraphInline() {
        String html = HtmlReport.of(PICTURE, "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg id=\"g\"></svg>", null);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertEquals(3, html.split("<tr class=\"host\">", -1).length - 1, "one row per host");
        assertTrue(html.contains("<td class=\"blocked\" title=\"protocol transition: "), html);
        assertTrue(html.contains("HV01 is not trusted to delegate to HV03 &amp; &lt;others&gt;"), "escaped: " + html);
        assertTrue(html.contains("<pre id=\"fix-plan\">delegate trust HV01 --to HV03\n</pre>"), html);
        assertTrue(html.contains("<div id=\"graph\"><svg id=\"g\"></svg></div>"), "the SVG without its prolog");
        assertFalse(html.contains("<?xml") || html.contains("<!DOCTYPE svg"), html);
        assertFalse(html.matches("(?s).*(src=|href=|url\\(|<script).*"), "self-contained: nothing to fetch");
        String without = HtmlReport.of(PICTURE, null, Graphviz.HOW_TO_GET);
        assertTrue(without.contains("apt-get install graphviz"), without);
    }

    @Test
    void graphvizRendersTheDotToSvg() {
        Graphviz graphviz = Graphviz.find().orElseThrow(() -> new AssertionError(Graphviz.HOW_TO_GET
                + " (scripts/test installs it)"));
        String svg = graphviz.svg(DotGraph.of(PICTURE));
        assertTrue(svg.contains("<svg"), svg);
        assertEquals(PICTURE.edges().size() + MeshPicture.EdgeKind.values().length,
                svg.split("class=\"edge", -1).length - 1, "every edge and the legend's");
        assertTrue(svg.contains("stroke-dasharray"), "the missing edge is dashed in the SVG");
    }

    @Test
    void withoutGraphvizSvgFailsSayingHowToGetItAndWritesNothingWhileHtmlSaysSo(@org.junit.jupiter.api.io.TempDir
                                                                                 java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path dot = dir.resolve("g.dot");
        java.nio.file.Path svg = dir.resolve("g.svg");
        kerbshell.error.KerbshellException e = org.junit.jupiter.api.Assertions.assertThrows(
                kerbshell.error.KerbshellException.class,
                () -> new PictureFiles(dot, svg, null).write(PICTURE, java.util.Optional.empty()));
        assertEquals(Graphviz.HOW_TO_GET, e.getMessage());
        assertFalse(java.nio.file.Files.exists(dot) || java.nio.file.Files.exists(svg), "nothing written half-way");
        java.nio.file.Path html = dir.resolve("r.html");
        List<String> written = new PictureFiles(dot, null, html).write(PICTURE, java.util.Optional.empty());
        assertEquals(2, written.size(), written.toString());
        assertTrue(written.get(1).contains("without the graph"), written.toString());
        assertTrue(java.nio.file.Files.readString(html).contains("apt-get install graphviz"));
        assertTrue(java.nio.file.Files.readString(dot).startsWith("digraph delegation {"));
    }

    private static String matrix(boolean colour) {
        StringWriter text = new StringWriter();
        MatrixText.render(PICTURE, new TextOut(new PrintWriter(text, true), colour));
        return text.toString().replace("\r\n", "\n");
    }
}
