package kerbshell.cli;

import kerbshell.directory.ChangeSet;
import kerbshell.directory.LdapChange;
import kerbshell.error.ExitStatus;
import kerbshell.journal.Journal;
import kerbshell.output.OutputFormat;
import kerbshell.output.TextOut;
import kerbshell.recipe.Recipe;
import kerbshell.recipe.RecipeParameters;
import kerbshell.recipe.RecipeRunReport;
import kerbshell.recipe.CommandLine;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a recipe through the shell itself, so its steps are ordinary commands: first the plan (each writing step
 * run with --dry-run against the directory as it is now), then confirmation, then the steps with their status,
 * stopping at the first failure, then the verify steps. Every write is journaled under the run's id.
 */
final class RecipeRunner {
    private final KerbshellShell shell;
    private final Journal journal;
    private final Console console;
    private final Confirmation confirmation;

    RecipeRunner(KerbshellShell shell, Journal journal, Console console, Confirmation confirmation) {
        this.shell = shell;
        this.journal = journal;
        this.console = console;
        this.confirmation = confirmation;
    }

    RecipeRunReport run(Recipe recipe, List<String> params, boolean dryRun, boolean yes) {
        Map<String, String> values = RecipeParameters.bind(recipe, params);
        List<String> steps = recipe.steps().stream().flatMap(s -> RecipeParameters.expand(s, values).stream())
                .toList();
        List<String> verify = (recipe.verify() == null ? List.<String>of() : recipe.verify()).stream()
                .flatMap(s -> RecipeParameters.expand(s, values).stream()).toList();
        String run = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + UUID.randomUUID().toString().substring(0, 4);
        OutputFormat format = console.format();
        List<RecipeRunReport.PlannedStep> plan = plan(steps);
        if (console.format() == OutputFormat.TEXT) {
            printPlan(recipe, plan);
        }
        if (dryRun) {
            return new RecipeRunReport(recipe.name(), run, values, true, plan, notRun(steps), notRun(verify), null);
        }
        int planned = plan.stream().mapToInt(p -> p.changes().size()).sum();
        if (!yes) {
            confirmation.require("recipe " + recipe.name() + " makes the " + planned + " change(s) above",
                    "Apply them?", "recipe run " + recipe.name());
        }
        String previousRun = journal.currentRun();
        journal.startCommand("recipe run " + recipe.name(), run);
        try {
            List<RecipeRunReport.Step> done = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                console.note("step " + (i + 1) + "/" + steps.size() + ": " + steps.get(i));
                ExitStatus status = shell.execute(inFormat(words(steps.get(i)), format));
                done.add(new RecipeRunReport.Step(steps.get(i), status.code()));
                if (status != ExitStatus.OK) {
                    done.addAll(notRun(steps.subList(i + 1, steps.size())));
                    return new RecipeRunReport(recipe.name(), run, values, false, plan, done, notRun(verify),
                            "step " + (i + 1) + " failed; the steps before it were applied: take them back with "
                                    + "'undo --run " + run + "'");
                }
            }
            List<RecipeRunReport.Step> checked = new ArrayList<>();
            for (String line : verify) {
                console.note("verify: " + line);
                checked.add(new RecipeRunReport.Step(line, shell.execute(inFormat(words(line), format)).code()));
            }
            return new RecipeRunReport(recipe.name(), run, values, false, plan, done, checked, null);
        } finally {
            journal.startCommand("", previousRun);
            console.setLineFormat(format);
        }
    }

    /** Steps print in the format the recipe run was asked for. */
    private static List<String> inFormat(List<String> words, OutputFormat format) {
        if (format != OutputFormat.JSON) {
            return words;
        }
        List<String> json = new ArrayList<>(words);
        json.add(KerbshellShell.JSON_OPTION);
        return json;
    }

    /** Each step's changes as its dry run finds the directory now. */
    private List<RecipeRunReport.PlannedStep> plan(List<String> steps) {
        List<RecipeRunReport.PlannedStep> plan = new ArrayList<>();
        for (String step : steps) {
            List<String> words = words(step);
            if (!supportsDryRun(words)) {
                plan.add(new RecipeRunReport.PlannedStep(step, List.of(), "runs as it is: it changes nothing in the "
                        + "directory"));
                continue;
            }
            List<String> dry = new ArrayList<>(words);
            dry.add("--dry-run");
            Object result = shell.evaluateQuietly(dry);
            if (result instanceof ChangeSet set) {
                List<LdapChange> changes = set.plannedChanges();
                plan.add(new RecipeRunReport.PlannedStep(step, changes, changes.isEmpty() ? "no change (already so)"
                        : null));
            } else {
                plan.add(new RecipeRunReport.PlannedStep(step, List.of(), result instanceof Throwable failure
                        ? "cannot plan this step: " + failure.getMessage() : "no LDAP change to show"));
            }
        }
        return plan;
    }

    private void printPlan(Recipe recipe, List<RecipeRunReport.PlannedStep> plan) {
        TextOut out = new TextOut(console.out());
        out.line("plan of recipe " + recipe.name() + (recipe.description() == null ? "" : ": " + recipe.description()));
        for (int i = 0; i < plan.size(); i++) {
            RecipeRunReport.PlannedStep step = plan.get(i);
            out.line("step " + (i + 1) + ": " + step.line());
            if (step.note() != null) {
                out.line("    " + step.note());
            }
            step.changes().forEach(change -> change.renderLdif(out));
        }
        if (recipe.notes() != null && !recipe.notes().isEmpty()) {
            out.line("to do by hand:");
            recipe.notes().forEach(n -> out.line("  - " + n));
        }
        console.out().flush();
    }

    private boolean supportsDryRun(List<String> words) {
        return shell.registrationOf(String.join(" ", words)).map(r -> r.getOptions().stream()
                .anyMatch(o -> Arrays.asList(o.getLongNames()).contains("dry-run"))).orElse(false);
    }

    private static List<RecipeRunReport.Step> notRun(List<String> lines) {
        return lines.stream().map(l -> new RecipeRunReport.Step(l, null)).toList();
    }

    static List<String> words(String line) {
        return CommandLine.words(line);
    }
}
