package kerbshell.cli;

import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import kerbshell.recipe.CommandLine;
import org.springframework.core.annotation.Order;
import org.springframework.shell.ExitRequest;
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
 * when it is not a terminal) in one session, each line as it arrives. Runs before the interactive runner and
 * opens the session for both; leaves the interactive case to it.
 */
@Order(-1000)
final class ScriptedShellRunner implements ShellRunner {
    private final LaunchContext launch;
    private final KerbshellShell shell;
    private final SessionBootstrap bootstrap;
    private final Console console;
    private final CommandStatus status;
    private final ErrorReporter errors;
    private final Cancellation cancellation;

    ScriptedShellRunner(LaunchContext launch, KerbshellShell shell, SessionBootstrap bootstrap, Console console,
                        CommandStatus status, ErrorReporter errors, Cancellation cancellation) {
        this.launch = launch;
        this.shell = shell;
        this.bootstrap = bootstrap;
        this.console = console;
        this.status = status;
        this.errors = errors;
        this.cancellation = cancellation;
    }

    @Override
    public boolean run(String[] ignored) throws Exception {
        boolean opened;
        try {
            opened = launch.options().needsNoSession() || (Boolean) cancellation.run(bootstrap::open);
        } catch (Throwable failure) {
            errors.report(failure);
            opened = false;
        }
        if (!launch.scripted()) {
            return false;
        }
        if (!opened) {
            return true;
        }
        try {
            if (!launch.options().command().isEmpty()) {
                shell.execute(launch.options().command());
            } else {
                runLines();
            }
        } catch (ExitRequest exit) {
            // 'exit' in a command file or on stdin ends the run there.
        }
        return true;
    }

    /** Each line runs as soon as it has been read, so another program can drive kerbshell line by line. */
    private void runLines() throws IOException {
        String source = launch.options().file() != null ? launch.options().file().toString() : "stdin";
        BufferedReader lines;
        if (launch.options().file() == null) {
            lines = new BufferedReader(new InputStreamReader(launch.in(), StandardCharsets.UTF_8));
        } else {
            try {
                lines = Files.newBufferedReader(launch.options().file(), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                console.error("no command file " + launch.options().file() + ": check the path given to --file");
                status.record(ExitStatus.USAGE);
                return;
            }
        }
        try (lines) {
            int number = 0;
            for (String read = lines.readLine(); read != null; read = lines.readLine()) {
                number++;
                String line = read.strip();
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
}
