package kerbshell.cli;

import kerbshell.error.KerbshellException;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

import java.util.List;

/** completion bash|zsh: the shell completion scripts shipped in completions/. */
@Command(group = "Shell")
public class CompletionCommands {
    // A provider, because the catalog is built from the command beans, this one included.
    private final ObjectProvider<CommandCatalog> catalog;
    private final ObjectProvider<KerbshellShell> shell;
    private final LaunchContext launch;

    CompletionCommands(ObjectProvider<CommandCatalog> catalog, ObjectProvider<KerbshellShell> shell,
                       LaunchContext launch) {
        this.catalog = catalog;
        this.shell = shell;
        this.launch = launch;
    }

    @Example(value = "completion bash",
            says = "Prints the bash completion script; source it or copy it to /etc/bash_completion.d/kerbshell.")
    @Example(value = "completion zsh",
            says = "Prints the zsh completion script, to copy as _kerbshell into a directory of $fpath.")
    @Command(command = "completion", description = "Print the bash or zsh completion script for the kerbshell "
            + "command line.")
    Script completion(@Option(required = true, description = "bash or zsh.") String shell) {
        CompletionScripts scripts = new CompletionScripts(catalog.getObject());
        return switch (shell) {
            case "bash" -> new Script(scripts.bash());
            case "zsh" -> new Script(scripts.zsh());
            default -> throw KerbshellException.usage("completion scripts exist for bash and zsh, not '" + shell + "'");
        };
    }

    /** What 'completion-names' lists; the scripts call it where the names live in files (config.yaml, recipes). */
    public enum NameKind { SCENARIOS, RECIPES, PROFILES }

    @Example(value = "completion-names recipes", says = "Prints the recipe names, shipped and your own, one a line.")
    @Command(command = "completion-names", hidden = true, description = "Print the scenario, recipe or profile "
            + "names, one a line, for the completion scripts.")
    Names names(@Option(required = true, description = "scenarios, recipes or profiles.") NameKind kind) {
        return new Names(switch (kind) {
            case SCENARIOS -> ScenarioCommands.names(launch, new TrainingShell(shell.getObject()));
            case RECIPES -> RecipeCommands.catalog(launch).names();
            case PROFILES -> List.copyOf(ProfileCommands.store(launch).all().keySet());
        });
    }

    /** Names, one a line. */
    record Names(List<String> names) implements Renderable {
        @Override
        public void renderText(TextOut out) {
            names.forEach(out::line);
        }
    }

    /** A script printed as it is. */
    record Script(String script) implements Renderable {
        @Override
        public void renderText(TextOut out) {
            out.line(script.stripTrailing());
        }
    }
}
