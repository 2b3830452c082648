package kerbshell.training;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/** The hints given so far, the newest last. */
public record HintReport(String scenario, List<String> given, int total, boolean newHint) implements Renderable {

    @Override
    public void renderText(TextOut out) {
        for (int i = 0; i < given.size(); i++) {
            out.line("hint " + (i + 1) + "/" + total + ": " + given.get(i));
        }
        if (!newHint) {
            out.line("that was the last hint; the model solution is shown once the scenario is solved");
        }
    }
}
