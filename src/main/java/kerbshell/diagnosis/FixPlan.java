package kerbshell.diagnosis;

import kerbshell.recipe.Recipe;

import java.time.LocalDate;
import java.util.List;

/** A check's fixes as a recipe: its commands as steps, the same check as the verify step, host steps as notes. */
public final class FixPlan {
    private FixPlan() {
    }

    public static Recipe of(String checkCommand, List<String> fixes) {
        List<String> steps = fixes.stream().filter(c -> !c.startsWith("host:")).toList();
        List<String> notes = fixes.stream().filter(c -> c.startsWith("host:"))
                .map(c -> c.substring("host:".length()).strip()).toList();
        String name = "fix-" + checkCommand.replaceFirst("^check ", "").replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        return new Recipe(name, "The fixes '" + checkCommand + "' found on " + LocalDate.now()
                + "; review before running.", List.of(), steps, List.of(checkCommand), notes);
    }
}
