package kerbshell.diagnosis;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code explain} found in a code or pasted message: each known code with its meaning, usual causes, fix and
 * the kerbshell checks that detect it; the hosts the message names (put into the commands in place of SOURCE and
 * DEST); and code-like tokens kerbshell does not know.
 */
public record Explanation(String sourceHost, String destinationHost, List<Explained> codes, List<String> unknown)
        implements Renderable {
    private static final Pattern SOURCE = Pattern.compile("\\bSOURCE\\b");
    private static final Pattern DEST = Pattern.compile("\\bDEST\\b");

    /** One code explained. {@code found} holds the forms of it the text held; sources are resolved to titles. */
    public record Explained(String id, String title, List<String> found, String meaning, List<String> causes,
                            List<String> fix, List<String> detectedBy, List<CodeEntry.Source> sources) {
    }

    /** Builds the explanation of what a finder found, filling in the hosts the text names. */
    static Explanation of(CodeFinder.Findings findings, CodeCatalog catalog) {
        String source = findings.sourceHost();
        String destination = findings.destinationHost();
        List<Explained> codes = findings.hits().stream().map(hit -> {
            CodeEntry e = hit.entry();
            return new Explained(e.id(), e.title(), hit.forms(), e.meaning(), e.causes(),
                    fill(e.fix(), source, destination), fill(e.detectedBy(), source, destination),
                    e.sources().stream().map(id -> catalog.sources().get(id)).toList());
        }).toList();
        return new Explanation(source, destination, codes, findings.unknown());
    }

    private static List<String> fill(List<String> lines, String source, String destination) {
        return lines.stream().map(line -> {
            String filled = source == null ? line : SOURCE.matcher(line).replaceAll(Matcher.quoteReplacement(source));
            return destination == null ? filled
                    : DEST.matcher(filled).replaceAll(Matcher.quoteReplacement(destination));
        }).toList();
    }

    @Override
    public void renderText(TextOut out) {
        out.line(legend());
        for (Explained code : codes) {
            out.blank().line(code.title());
            out.line("  found:    " + String.join(", ", code.found()));
            out.line("  meaning:  " + code.meaning());
            out.line("  usual causes when moving VMs between Hyper-V hosts:");
            code.causes().forEach(c -> out.line("    - " + c));
            out.line("  fix:");
            for (int i = 0; i < code.fix().size(); i++) {
                out.line("    " + (i + 1) + ". " + code.fix().get(i));
            }
            if (code.detectedBy().isEmpty()) {
                out.line("  detected by: no kerbshell check");
            } else {
                out.line("  detected by:");
                code.detectedBy().forEach(d -> out.line("    " + d));
            }
            if (code.sources().isEmpty()) {
                out.line("  sources:  none: no public source defines it");
            } else {
                out.line("  sources:");
                code.sources().forEach(s -> out.line("    " + s.id() + "  " + s.title()
                        + (s.address() == null ? "" : "  " + s.address())));
            }
        }
        if (!unknown.isEmpty()) {
            out.blank().line("also in the text, not in kerbshell's catalog: " + String.join(", ", unknown));
        }
    }

    private String legend() {
        String source = sourceHost == null ? "SOURCE = the host the move starts from" : "SOURCE = " + sourceHost;
        String destination = destinationHost == null ? "DEST = its destination" : "DEST = " + destinationHost;
        boolean named = sourceHost != null || destinationHost != null;
        return (named ? "from the message: " : "in the commands: ") + source + ", " + destination
                + ", USER = the account that starts the move";
    }
}
