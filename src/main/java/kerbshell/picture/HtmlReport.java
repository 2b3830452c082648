package kerbshell.picture;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One self-contained HTML page for a change board or a ticket: the matrix, the findings, the fix plan and the
 * delegation graph as inline SVG. No script, no external style sheet, font or image: it opens the same from a
 * mail attachment, a file share or a ticket system.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font-family:Segoe UI,Helvetica,Arial,sans-serif;margin:2em;color:#212121}
            h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
            table.matrix{border-collapse:collapse}
            table.matrix th,table.matrix td{border:1px solid #bdbdbd;padding:.3em .6em;text-align:center}
            table.matrix th.source{text-align:left}
            td.ok{background:#c8e6c9}td.risk{background:#fff59d}td.blocked{background:#ef9a9a;font-weight:bold}
            td.self{background:#eeeeee;color:#9e9e9e}td.unjudged{color:#9e9e9e}
            pre{background:#f5f5f5;padding:.8em;overflow:auto}
            .note{color:#616161}
            """;

    private HtmlReport() {
    }

    /**
     * @param svg the delegation graph rendered by Graphviz, or null when Graphviz is not installed ({@code missing}
     *            then says why the page has none)
     */
    public static String of(MeshPicture picture, String svg, String missing) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(picture.title())).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(picture.title())).append("</h1>\n");
        html.append("<p class=\"note\">written by kerbshell on ")
                .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).withNano(0)))
                .append("; rows are sources, columns destinations</p>\n");
        matrix(picture, html);
        html.append("<h2>Findings</h2>\n");
        list(picture.findings().isEmpty() ? List.of("nothing blocks") : picture.findings(), html);
        html.append("<h2>Fix plan</h2>\n");
        if (picture.fixPlan().isEmpty()) {
            html.append("<p>nothing to fix</p>\n");
        } else {
            html.append("<pre id=\"fix-plan\">");
            picture.fixPlan().forEach(step -> html.append(escape(step)).append('\n'));
            html.append("</pre>\n");
        }
        html.append("<h2>Delegation graph</h2>\n");
        if (svg != null) {
            html.append("<div id=\"graph\">").append(withoutProlog(svg)).append("</div>\n");
        } else {
            html.append("<p class=\"note\">").append(escape(missing)).append("</p>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void matrix(MeshPicture picture, StringBuilder html) {
        html.append("<h2>Matrix</h2>\n<table class=\"matrix\" id=\"matrix\">\n<thead><tr><th>source \\ destination</th>");
        picture.hosts().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (String source : picture.hosts()) {
            html.append("<tr class=\"host\"><th class=\"source\">").append(escape(source)).append("</th>");
            for (String destination : picture.hosts()) {
                if (source.equals(destination)) {
                    html.append("<td class=\"self\">#</td>");
                    continue;
                }
                html.append(picture.cell(source, destination).map(c -> "<td class=\""
                        + c.verdict().name().toLowerCase(java.util.Locale.ROOT) + "\" title=\""
                        + escape(String.join("; ", c.failing().stream().map(MeshPicture.Rule::meaning).toList()))
                        + "\">" + escape(c.mark()) + "</td>").orElse("<td class=\"unjudged\">.</td>"));
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<ul class=\"legend\">\n");
        html.append("<li>ok: nothing blocks; #: the host itself; .: not judged</li>\n");
        picture.rulesShown().forEach(r -> html.append("<li><b>").append(escape(r.mark())).append("</b>: ")
                .append(escape(r.meaning())).append("</li>\n"));
        html.append("</ul>\n");
    }

    private static void list(List<String> lines, StringBuilder html) {
        html.append("<ul id=\"findings\">\n");
        lines.forEach(l -> html.append("<li>").append(escape(l)).append("</li>\n"));
        html.append("</ul>\n");
    }

    /** Graphviz's SVG starts with an XML declaration and a DOCTYPE, which do not belong inside HTML. */
    static String withoutProlog(String svg) {
        int start = svg.indexOf("<svg");
        return start < 0 ? svg : svg.substring(start);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
