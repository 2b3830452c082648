package kerbshell.output;

import java.io.PrintWriter;

/**
 * Prints results in the chosen format. JSON is one document per line when stdout is not a terminal (JSON Lines
 * for command files, and what {@code jq} reads), indented for a person at a terminal.
 */
public final class ResultPrinter {
    private final PrintWriter out;
    private final boolean prettyJson;
    private final boolean colour;
    private final ChangeForm changeForm;

    public ResultPrinter(PrintWriter out, boolean prettyJson, boolean colour) {
        this(out, prettyJson, colour, ChangeForm.LDIF_AND_POWERSHELL);
    }

    public ResultPrinter(PrintWriter out, boolean prettyJson, boolean colour, ChangeForm changeForm) {
        this.out = out;
        this.prettyJson = prettyJson;
        this.colour = colour;
        this.changeForm = changeForm;
    }

    public void print(Renderable result, OutputFormat format) {
        if (format == OutputFormat.JSON) {
            out.println(prettyJson ? Json.pretty(result) : Json.compact(result));
        } else {
            result.renderText(new TextOut(out, colour, changeForm));
        }
        out.flush();
    }
}
