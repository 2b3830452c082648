package kerbshell.diagnosis;

import kerbshell.error.KerbshellException;

/**
 * Explains a code, an event ID or a whole pasted error message from the catalog: every code found in it, in the
 * order it appears. Needs no directory: it reads only the catalog.
 */
public final class ExplainService {
    /** The kinds of input explain takes, as one clause for its messages. */
    private static final String ACCEPTED = "explain takes an HRESULT (0x80090303, 80090303 or -2146893053), a Win32 "
            + "error (0x21C7, error 8647), an event ID (event 20306), a Kerberos error (KDC_ERR_BADOPTION, Kerberos "
            + "error 13) or a whole pasted error message; docs/explain.md lists every code it knows";
    private static final int SHOWN = 60;

    private final CodeCatalog catalog;

    public ExplainService(CodeCatalog catalog) {
        this.catalog = catalog;
    }

    /** On the catalog shipped in the jar. */
    public ExplainService() {
        this(CodeCatalog.shipped());
    }

    /**
     * Explains every known code in {@code text}; fails (exit 1) naming what it took when nothing known is there, and
     * is a usage error (exit 2) when there is no text at all.
     */
    public Explanation explain(String text) {
        if (text == null || text.isBlank()) {
            throw KerbshellException.usage("give a code, an event ID or an error message to explain: " + ACCEPTED);
        }
        CodeFinder.Findings findings = new CodeFinder(catalog).find(text);
        if (findings.hits().isEmpty()) {
            String shown = text.strip().replaceAll("\\s+", " ");
            shown = shown.length() > SHOWN ? shown.substring(0, SHOWN) + "..." : shown;
            String unknown = findings.unknown().isEmpty() ? "" : " (found " + String.join(", ", findings.unknown())
                    + ", which kerbshell does not explain)";
            throw KerbshellException.failure("nothing kerbshell knows was found in '" + shown + "'" + unknown + "; "
                    + ACCEPTED);
        }
        return Explanation.of(findings, catalog);
    }
}
