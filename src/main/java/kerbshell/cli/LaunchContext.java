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

    /**
     * Whether the interactive shell keeps a history file: not in scripted runs, not with KERBSHELL_HISTORY=off
     * (or 0, false, no), not with {@code history: false} in config.yaml.
     */
    public boolean historyOn() {
        String env = this.env.get("KERBSHELL_HISTORY");
        if (env != null && java.util.Set.of("off", "0", "false", "no").contains(env.strip().toLowerCase())) {
            return false;
        }
        return !scripted() && new kerbshell.config.ProfileStore(files().configFile()).historyWanted();
    }

    public KerbshellFiles files() {
        return KerbshellFiles.from(env);
    }
}
