package kerbshell.cli;

import kerbshell.output.ChangeForm;
import kerbshell.output.OutputFormat;
import kerbshell.output.Renderable;
import kerbshell.output.ResultPrinter;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The shell's two streams: results on stdout, errors, warnings and progress on stderr, so that
 * {@code kerbshell --json ... | jq} always reads clean JSON. Also holds the output format of the current line.
 */
public final class Console {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean jsonForAll;
    private final boolean prettyJson;
    private final boolean colour;
    private OutputFormat lineFormat = OutputFormat.TEXT;
    private boolean quiet;
    private ChangeForm changeForm = ChangeForm.LDIF_AND_POWERSHELL;

    Console(PrintWriter out, PrintWriter err, boolean jsonForAll, boolean prettyJson, boolean colour) {
        this.out = out;
        this.err = err;
        this.jsonForAll = jsonForAll;
        this.prettyJson = prettyJson;
        this.colour = colour;
    }

    /**
     * The console of a launch writing results to {@code out} (the run's stdout, or the terminal's writer) and the
     * rest to the run's stderr, in the format and colours the launch asks for.
     */
    static Console of(LaunchContext launch, PrintWriter out) {
        PrintWriter err = new PrintWriter(launch.err(), true, StandardCharsets.UTF_8);
        return new Console(out, err, launch.options().json(), launch.stdoutIsTerminal(), launch.colour());
    }

    void setLineFormat(OutputFormat format) {
        lineFormat = format;
    }

    /** How this line shows planned changes ({@code --as}). */
    void setChangeForm(ChangeForm form) {
        changeForm = form;
    }

    ChangeForm changeForm() {
        return changeForm;
    }

    OutputFormat format() {
        return jsonForAll ? OutputFormat.JSON : lineFormat;
    }

    void print(Renderable result) {
        new ResultPrinter(out, prettyJson, colour, changeForm).print(result, format());
    }

    /**
     * Notes are advice after what the person did; commands kerbshell runs for itself (a scenario's setup, a
     * recipe's plan) give none, so the trainee does not read the setup's notes before doing anything.
     */
    void setQuiet(boolean quiet) {
        this.quiet = quiet;
    }

    boolean quiet() {
        return quiet;
    }

    /** A message for the person at the terminal (stderr), never mixed into results. */
    public void note(String message) {
        if (quiet) {
            return;
        }
        err.println(message);
        err.flush();
    }

    void error(String message) {
        err.println("error: " + message);
        err.flush();
    }

    PrintWriter err() {
        return err;
    }

    PrintWriter out() {
        return out;
    }
}
