package kerbshell.cli;

import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import kerbshell.recipe.CommandLine;
import org.springframework.core.annotation.Order;
import org.springframework.shell.ShellRunner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Runs kerbshell without a prompt: the command given as arguments, or every line of {@code --file} (or of stdin
 * when it is not a terminal) in one session. Runs before the interactive runner and opens the session for both;
 * leaves the interactive case to it.
 */
@Order(-1000)
final class ScriptedShellRunner implements ShellRunner {
    private final LaunchContext launch;
    private final KerbshellShell shell;
    private final SessionBootstrap bootstrap;
    private final Console console;
    private final CommandStatus status;
    private final ErrorReporter errors;

    ScriptedShellRunner(LaunchContext launch, KerbshellShell shell, SessionBootstrap bootstrap, Console console,
                        CommandStatus status, ErrorReporter errors) {
        this.launch = launch;
        this.shell = shell;
        this.bootstrap = bootstrap;
        this.console = console;
        this.status = status;
        this.errors = errors;
    }

    @Override
    public boolean run(String[] ignored) throws Exception {
        boolean opened = bootstrap.open();
        if (!launch.scripted()) {
            return false;
        }
        if (!opened) {
            return true;
        }
        if (!launch.options().command().isEmpty()) {
            shell.execute(launch.options().command());
        } else {
            runLines(readLines(), launch.options().file() != null ? launch.options().file().toString() : "stdin");
        }
        return true;
    }

    private List<String> readLines() throws IOException {
        if (launch.options().file() == null) {
            return new BufferedReader(new InputStreamReader(launch.in(), StandardCharsets.UTF_8)).lines().toList();
        }
        try {
            return Files.readAllLines(launch.options().file(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            console.error("no command file " + launch.options().file() + ": check the path given to --file");
            status.record(ExitStatus.USAGE);
            return List.of();
        }
    }

    private void runLines(List<String> lines, String source) {
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            ExitStatus result;
            try {
                result = shell.execute(CommandLine.words(line));
            } catch (KerbshellException e) {
                result = errors.report(e);
            }
            if (result != ExitStatus.OK) {
                console.note(source + ":" + number + ": failed (exit " + result.code() + "): " + line);
                if (!launch.options().keepGoing()) {
                    return;
                }
            }
        }
    }
}
