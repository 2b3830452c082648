package kerbshell.cli;

import kerbshell.config.KerbshellFiles;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Everything one run of kerbshell starts from: its options, environment and standard streams, and whether those
 * streams are terminals. Passed in whole so that tests run the real shell in-process on their own streams.
 */
public record LaunchContext(LaunchOptions options, Map<String, String> env, InputStream in, PrintStream out,
                            PrintStream err, boolean stdinIsTerminal, boolean stdoutIsTerminal) {

    /** Commands come from argv, a file or piped stdin; otherwise the interactive shell runs. */
    public boolean scripted() {
        return !options.command().isEmpty() || options.file() != null || !stdinIsTerminal;
    }

    public boolean colour() {
        return stdoutIsTerminal && !env.containsKey("NO_COLOR");
    }

    public KerbshellFiles files() {
        return KerbshellFiles.from(env);
    }
}
