package kerbshell.cli;

import kerbshell.directory.ChangeSet;
import kerbshell.directory.LdapChange;
import kerbshell.error.ExitStatus;
import kerbshell.journal.Journal;
import kerbshell.output.OutputFormat;
import kerbshell.output.TextOut;
import kerbshell.error.KerbshellException;
import kerbshell.recipe.LoadedRecipe;
import kerbshell.recipe.Recipe;
import kerbshell.recipe.RecipeParameters;
import kerbshell.recipe.RecipeStep;
import org.springframework.shell.command.CommandHandlingResult;
import org.springframework.shell.command.CommandRegistration;
import kerbshell.recipe.RecipeRunReport;
import kerbshell.recipe.CommandLine;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a recipe through the shell itself, so its steps are ordinary commands: first the plan, which checks every
 * step before anything is written (the command and its options known, each writing step's dry run able to resolve
 * its objects) and shows each step's exact LDAP changes; then confirmation, then the steps with their status,
 * stopping at the first failure, then the verify steps. A step that writes without a dry run ({@code undo --last},
 * {@code lab reset}) is shown as writing and always confirmed; a run with nothing to change says so and asks
 * nothing. A recipe may not run itself, directly or through another. Every write is journaled under the run's id.
 */
final class RecipeRunner {
    private final KerbshellShell shell;
    private final Journal journal;
    private final Console console;
    private final Confirmation confirmation;
    private final Deque<String> running;

    /** @param running the recipes being run or planned now, outermost first: what a recipe may not run again */
    RecipeRunner(KerbshellShell shell, Journal journal, Console console, Confirmation confirmation,
                 Deque<String> running) {
        this.shell = shell;
        this.journal = journal;
        this.console = console;
        this.confirmation = confirmation;
        this.running = running;
    }

    RecipeRunReport run(LoadedRecipe loaded, List<String> params, boolean dryRun, boolean yes) {
        Recipe recipe = loaded.recipe();
        if (running.contains(recipe.name())) {
            List<String> chain = new ArrayList<>(running);
            java.util.Collections.reverse(chain);
            chain.add(recipe.name());
            throw KerbshellException.usage("recipe " + recipe.name() + " runs itself (" + String.join(" -> ", chain)
                    + "): a recipe may not run itself, directly or through another; nothing was applied");
        }
        running.push(recipe.name());
        try {
            return runChecked(loaded, params, dryRun, yes);
        } finally {
            running.pop();
        }
    }

    private RecipeRunReport runChecked(LoadedRecipe loaded, List<String> params, boolean dryRun, boolean yes) {
        Recipe recipe = loaded.recipe();
        Map<String, String> values = RecipeParameters.bind(recipe, params);
        List<Line> steps = loaded.steps().stream().flatMap(s -> RecipeParameters.expand(s.words(), values).stream()
                .map(words -> new Line(s, words))).toList();
        List<Line> verify = loaded.verify().stream().flatMap(s -> RecipeParameters.expand(s.words(), values).stream()
                .map(words -> new Line(s, words))).toList();
        String run = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + UUID.randomUUID().toString().substring(0, 4);
        OutputFormat format = console.format();
        verify.forEach(line -> requireKnown(recipe, line, "verify step"));
        List<RecipeRunReport.PlannedStep> plan = plan(recipe, steps);
        if (console.format() == OutputFormat.TEXT) {
            printPlan(recipe, plan);
        }
        List<String> stepLines = steps.stream().map(Line::shown).toList();
        List<String> verifyLines = verify.stream().map(Line::shown).toList();
        if (dryRun) {
            return new RecipeRunReport(recipe.name(), run, values, true, plan, notRun(stepLines), notRun(verifyLines),
                    null);
        }
        int planned = plan.stream().mapToInt(p -> p.changes().size()).sum();
        long writing = plan.stream().filter(p -> WRITES_WITHOUT_DRY_RUN.equals(p.note())).count();
        String previousRun = journal.currentRun();
        try {
            if (planned == 0 && writing == 0) {
                console.note("recipe " + recipe.name() + ": nothing to change, the directory is already as its steps "
                        + "would leave it");
                List<RecipeRunReport.Step> checked = verify(verify, format);
                return new RecipeRunReport(recipe.name(), run, values, false, plan,
                        stepLines.stream().map(l -> new RecipeRunReport.Step(l, 0)).toList(), checked,
                        "nothing to change: no step was run");
            }
            if (!yes) {
                confirmation.require("recipe " + recipe.name() + " makes the " + planned + " change(s) above"
                                + (writing == 0 ? "" : " and runs " + writing + " step(s) that write without a dry run"),
                        "Apply them?", "recipe run " + recipe.name());
            }
            journal.startCommand("recipe run " + recipe.name(), run);
            List<RecipeRunReport.Step> done = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                console.note("step " + (i + 1) + "/" + steps.size() + ": " + stepLines.get(i));
                ExitStatus status = shell.execute(inFormat(steps.get(i).words(), format));
                done.add(new RecipeRunReport.Step(stepLines.get(i), status.code()));
                if (status != ExitStatus.OK) {
                    done.addAll(notRun(stepLines.subList(i + 1, steps.size())));
                    return new RecipeRunReport(recipe.name(), run, values, false, plan, done, notRun(verifyLines),
                            "step " + (i + 1) + " failed; the steps before it were applied: take them back with "
                                    + "'undo --run " + run + "'");
                }
            }
            return new RecipeRunReport(recipe.name(), run, values, false, plan, done, verify(verify, format), null);
        } finally {
            journal.startCommand("", previousRun);
            console.setLineFormat(format);
        }
    }

    private List<RecipeRunReport.Step> verify(List<Line> verify, OutputFormat format) {
        List<RecipeRunReport.Step> checked = new ArrayList<>();
        for (Line line : verify) {
            console.note("verify: " + line.shown());
            checked.add(new RecipeRunReport.Step(line.shown(), shell.execute(inFormat(line.words(), format)).code()));
        }
        return checked;
    }

    /** A step of the file with its parameters substituted into its arguments. */
    private record Line(RecipeStep step, List<String> words) {
        String shown() {
            return RecipeParameters.display(words);
        }
    }

    static final String WRITES_WITHOUT_DRY_RUN = "WRITES: this step has no dry run, its changes cannot be shown "
            + "before it runs";

    /** Steps print in the format the recipe run was asked for. */
    private static List<String> inFormat(List<String> words, OutputFormat format) {
        if (format != OutputFormat.JSON) {
            return words;
        }
        List<String> json = new ArrayList<>(words);
        json.add(KerbshellShell.JSON_OPTION);
        return json;
    }

    /**
     * Each step's changes as its dry run finds the directory now; any step that cannot be planned (unknown command
     * or option, an object that does not resolve) stops the run here, before anything is written.
     */
    private List<RecipeRunReport.PlannedStep> plan(Recipe recipe, List<Line> steps) {
        List<RecipeRunReport.PlannedStep> plan = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Line line = steps.get(i);
            CommandRegistration registration = requireKnown(recipe, line, "step " + (i + 1));
            if (!CommandKinds.hasDryRun(registration)) {
                boolean readOnly = !CommandKinds.writes(registration);
                plan.add(new RecipeRunReport.PlannedStep(line.shown(), List.of(), readOnly
                        ? "reads only: it changes nothing in the directory" : WRITES_WITHOUT_DRY_RUN));
                continue;
            }
            List<String> dry = new ArrayList<>(line.words());
            if (!dry.contains("--dry-run")) {
                dry.add("--dry-run");
            }
            Object result = shell.evaluateQuietly(dry);
            if (result instanceof ChangeSet set) {
                List<LdapChange> changes = set.plannedChanges();
                plan.add(new RecipeRunReport.PlannedStep(line.shown(), changes, changes.isEmpty()
                        ? "no change (already so)" : null));
            } else if (result instanceof RecipeRunReport nested) {
                plan.add(new RecipeRunReport.PlannedStep(line.shown(), nested.plan().stream()
                        .flatMap(p -> p.changes().stream()).toList(), "runs recipe " + nested.recipe()));
            } else if (result instanceof Throwable || result instanceof CommandHandlingResult || result == null) {
                String why = result instanceof Throwable failure ? failure.getMessage()
                        : result instanceof CommandHandlingResult handled && handled.message() != null
                        ? handled.message().strip() : "its dry run failed (the error is above)";
                throw KerbshellException.usage("recipe " + recipe.name() + " cannot run: step " + (i + 1) + " ("
                        + line.step().at() + ") '" + line.shown() + "' cannot be planned: " + why
                        + "; nothing was applied");
            } else {
                plan.add(new RecipeRunReport.PlannedStep(line.shown(), List.of(), "no LDAP change to show"));
            }
        }
        return plan;
    }

    /** The step's command, with every option it gives known to it; a usage error naming the step otherwise. */
    private CommandRegistration requireKnown(Recipe recipe, Line line, String which) {
        String text = String.join(" ", line.words());
        CommandRegistration registration = shell.registrationOf(text).orElseThrow(() -> KerbshellException.usage(
                "recipe " + recipe.name() + " cannot run: " + which + " (" + line.step().at() + ") '" + line.shown()
                        + "' is not a kerbshell command; nothing was applied"));
        for (String word : line.words()) {
            if (word.startsWith("--") && !word.equals(KerbshellShell.JSON_OPTION) && !CommandKinds.hasOption(
                    registration, word.substring(2))) {
                throw KerbshellException.usage("recipe " + recipe.name() + " cannot run: " + which + " ("
                        + line.step().at() + ") '" + line.shown() + "': '" + registration.getCommand()
                        + "' has no option " + word + "; nothing was applied");
            }
        }
        return registration;
    }

    private void printPlan(Recipe recipe, List<RecipeRunReport.PlannedStep> plan) {
        TextOut out = new TextOut(console.out(), false, console.changeForm());
        out.line("plan of recipe " + recipe.name() + (recipe.description() == null ? "" : ": " + recipe.description()));
        for (int i = 0; i < plan.size(); i++) {
            RecipeRunReport.PlannedStep step = plan.get(i);
            out.line("step " + (i + 1) + ": " + step.line());
            if (step.note() != null) {
                out.line("    " + step.note());
            }
            step.changes().forEach(change -> change.render(out));
        }
        if (recipe.notes() != null && !recipe.notes().isEmpty()) {
            out.line("to do by hand:");
            recipe.notes().forEach(n -> out.line("  - " + n));
        }
        console.out().flush();
    }

    private static List<RecipeRunReport.Step> notRun(List<String> lines) {
        return lines.stream().map(l -> new RecipeRunReport.Step(l, null)).toList();
    }

    static List<String> words(String line) {
        return CommandLine.words(line);
    }
}
