package kerbshell.cli;

import kerbshell.error.KerbshellException;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** completion bash|zsh: the shell completion scripts shipped in completions/. */
@Command(group = "Shell")
class CompletionCommands {
    // A provider, because the catalog is built from the command beans, this one included.
    private final ObjectProvider<CommandCatalog> catalog;

    CompletionCommands(ObjectProvider<CommandCatalog> catalog) {
        this.catalog = catalog;
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

    /** A script printed as it is. */
    record Script(String script) implements Renderable {
        @Override
        public void renderText(TextOut out) {
            out.line(script.stripTrailing());
        }
    }
}
