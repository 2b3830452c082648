package kerbshell.cli;

import kerbshell.directory.ComputerNames;
import kerbshell.error.KerbshellException;
import kerbshell.journal.Journal;
import kerbshell.journal.JournalEntry;
import kerbshell.output.Message;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;
import kerbshell.recipe.Recipe;
import kerbshell.recipe.RecipeCatalog;
import kerbshell.recipe.RecipeFiles;
import kerbshell.recipe.RecipeRecorder;
import kerbshell.recipe.RecipeRunReport;
import kerbshell.session.SessionManager;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** recipe list, show, run, record, save: fixes done once, replayed safely. */
@Command(command = "recipe", group = "Recipes")
public class RecipeCommands {
    private final LaunchContext launch;
    // A provider: the shell is built from the command beans, this one included.
    private final ObjectProvider<KerbshellShell> shell;
    private final Journal journal;
    private final Console console;
    private final Confirmation confirmation;
    private final SessionManager sessions;
    private final ComputerNames computerNames;
    private Recording recording;
    /** The recipes being run (or planned) now, the innermost first: a recipe may not run itself. */
    private final java.util.Deque<String> running = new java.util.ArrayDeque<>();

    RecipeCommands(LaunchContext launch, ObjectProvider<KerbshellShell> shell, Journal journal, Console console,
                   Terminal terminal, SessionManager sessions, ComputerNames computerNames) {
        this.launch = launch;
        this.shell = shell;
        this.journal = journal;
        this.console = console;
        this.confirmation = new Confirmation(terminal, launch, console);
        this.sessions = sessions;
        this.computerNames = computerNames;
    }

    @Example(value = "recipe list", says = "Lists the shipped recipes and your own.")
    @Command(command = "list", description = "List the recipes: the shipped ones and your own.")
    Recipes list() {
        return new Recipes(catalog().all().stream().map(e -> new Recipes.Row(e.recipe().name(),
                e.recipe().description(), e.source())).toList());
    }

    @Example(value = "recipe show hyperv-live-migration-pair",
            says = "Shows the recipe's parameters, steps and verify steps.")
    @Command(command = "show", description = "Show a recipe: its parameters, steps and verify steps.")
    Shown show(@Option(required = true, description = "Recipe name or file.")
               @OptionValues(provider = NameCompletion.RECIPES) String recipe) {
        RecipeCatalog.Entry entry = catalog().find(recipe);
        return new Shown(entry.source(), entry.recipe());
    }

    @Example(value = "recipe run hyperv-live-migration-pair --param source=HV01 --param destination=HV02 --dry-run",
            says = "Prints the plan, every LDAP change the recipe would make for HV01 and HV02; writes nothing.")
    @Example(value = "recipe run hyperv-live-migration-pair --param source=HV01 --param destination=HV02 --yes",
            says = "Runs it without asking, as a script must.")
    @Command(command = "run", description = "Run a recipe: the plan of every LDAP change first, then confirmation, "
            + "then the steps and the verify steps.")
    RecipeRunReport run(@Option(required = true, description = "Recipe name or file.")
                        @OptionValues(provider = NameCompletion.RECIPES) String recipe,
                        @Option(longNames = "param", label = "NAME=VALUE",
                                arityMax = 64, description = "A parameter as name=value; "
                                + "repeat for each.") List<String> param,
                        @Option(longNames = "dry-run", description = "Stop after the plan; write nothing.")
                        boolean dryRun,
                        @Option(longNames = "yes", description = "Apply without asking (needed in scripts).")
                        boolean yes) {
        return new RecipeRunner(shell.getObject(), journal, console, confirmation, running)
                .run(catalog().find(recipe).loaded(), param, dryRun, yes);
    }

    @Example(value = "recipe record fix-hv01",
            says = "Starts recording this session's writing commands into recipe fix-hv01.",
            then = {"spn add HV01 http/web.lab.test", "recipe save"})
    @Command(command = "record", description = "Start recording this session's writing commands into a recipe.")
    Message record(@Option(required = true, description = "Name of the recipe to record.") String name) {
        if (recording != null) {
            throw KerbshellException.usage("already recording " + recording.name() + ": 'recipe save' ends it");
        }
        catalog().fileFor(name); // a plain name, saved in the recipes directory only: refused now, not at save
        KerbshellShell kerbshell = shell.getObject();
        if (!listening) {
            kerbshell.afterEachCommand(this::recordCommand);
            listening = true;
        }
        recording = new Recording(name, kerbshell, new java.util.ArrayList<>(), new java.util.ArrayList<>());
        return new Message("recording writing commands (and checks, as verify steps) into recipe " + name
                + "; 'recipe save' writes it");
    }

    @Example(value = "recipe save",
            says = "Ends the recording and saves it as a recipe with the host names as parameters.",
            after = {"recipe record fix-hv01", "spn add HV01 http/web.lab.test"})
    @Command(command = "save", description = "End the recording and save it as a recipe, host names turned into "
            + "parameters.")
    Message save() {
        if (recording == null) {
            throw KerbshellException.usage("nothing is being recorded: start with 'recipe record NAME'");
        }
        if (recording.steps().isEmpty()) {
            throw KerbshellException.usage("recording " + recording.name() + " holds no writing command yet: run the "
                    + "fix, then 'recipe save'");
        }
        Recipe recipe = RecipeRecorder.recipeOf(recording.name(), recording.steps(), recording.verify(),
                sessions.currentIfOpen().map(computerNames::of).orElse(List.of()),
                sessions.current().settings().domain());
        if (recipe.steps().isEmpty()) {
            String name = recording.name();
            recording = null;
            throw KerbshellException.failure("nothing to save in recipe " + name + ": no command changed the "
                    + "directory since 'recipe record " + name + "'; the recording has ended, no file was written");
        }
        Path file = catalog().fileFor(recording.name());
        RecipeFiles.write(recipe, file);
        recording = null;
        return new Message("saved recipe " + recipe.name() + " (" + recipe.steps().size() + " step(s), "
                + recipe.verify().size() + " verify step(s), parameters "
                + recipe.parameters().stream().map(Recipe.Parameter::name).toList() + ") to " + file);
    }

    private RecipeCatalog catalog() {
        return catalog(launch);
    }

    /** The shipped recipes and the user's own (the recipes folder of the kerbshell directory). */
    static RecipeCatalog catalog(LaunchContext launch) {
        return new RecipeCatalog(shipped(), launch.files().home().resolve("recipes"));
    }

    /** The recipes inside the jar (recipes/ in the repository). */
    private static Map<String, String> shipped() {
        return ShippedFiles.read("kerbshell/recipes/*.yaml");
    }

    /**
     * A command that ran while recording: a writing command that succeeded becomes a step (also when it changed
     * nothing this time), a check becomes a verify step; dry runs, failures and the shell's own commands are left
     * out.
     */
    private void recordCommand(List<String> words, Object result) {
        if (recording == null || words.contains("--dry-run") || result instanceof Throwable
                || result instanceof org.springframework.shell.command.CommandHandlingResult
                || result instanceof org.springframework.shell.CommandNotFound || result == null) {
            return;
        }
        recording.shell().registrationOf(String.join(" ", words)).ifPresent(registration -> {
            if (CommandKinds.isCheck(registration)) {
                recording.verify().add(List.copyOf(words));
            } else if (CommandKinds.recordable(registration) && (!(result instanceof Renderable renderable)
                    || renderable.exitStatus() == kerbshell.error.ExitStatus.OK)) {
                recording.steps().add(List.copyOf(words));
            }
        });
    }

    /** The name of a recording not saved yet, for whoever asks before the shell exits. */
    java.util.Optional<String> unsavedRecording() {
        return recording == null ? java.util.Optional.empty() : java.util.Optional.of(recording.name());
    }

    private boolean listening;

    private record Recording(String name, KerbshellShell shell, List<List<String>> steps, List<List<String>> verify) {
    }

    /** The recipes and where each comes from. */
    record Recipes(List<Row> recipes) implements Renderable {
        record Row(String name, String description, String source) {
        }

        @Override
        public void renderText(TextOut out) {
            TextOut.Table table = out.table("RECIPE", "FROM", "DESCRIPTION");
            recipes.forEach(r -> table.row(r.name(), r.source(), r.description() == null ? "" : r.description()));
            table.print();
        }
    }

    /** One recipe in full. */
    record Shown(String source, Recipe recipe) implements Renderable {
        @Override
        public void renderText(TextOut out) {
            out.line(recipe.name() + " (" + source + ")");
            if (recipe.description() != null) {
                out.line(recipe.description());
            }
            if (recipe.parameters() != null && !recipe.parameters().isEmpty()) {
                out.line("parameters:");
                recipe.parameters().forEach(p -> out.line("  " + p.name() + (p.defaultValue() == null ? ""
                        : " (default " + p.defaultValue() + ")") + ": " + p.description()));
            }
            out.line("steps:");
            recipe.steps().forEach(s -> out.line("  " + s));
            if (recipe.verify() != null && !recipe.verify().isEmpty()) {
                out.line("verify:");
                recipe.verify().forEach(s -> out.line("  " + s));
            }
            if (recipe.notes() != null && !recipe.notes().isEmpty()) {
                out.line("notes:");
                recipe.notes().forEach(s -> out.line("  " + s));
            }
        }
    }
}
