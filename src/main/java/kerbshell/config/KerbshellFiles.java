package kerbshell.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where kerbshell keeps the user's files: the kerbshell directory ({@code KERBSHELL_HOME}, default
 * {@code $HOME/.kerbshell}) for history and the journal, and the profile file ({@code KERBSHELL_CONFIG}, default
 * {@code ~/.config/kerbshell/config.yaml}).
 */
public record KerbshellFiles(Path home, Path configFile) {

    public static KerbshellFiles from(Map<String, String> env) {
        // $HOME as the shell has it: Java's user.home comes from the password database, not the environment.
        String envHome = env.get("HOME");
        Path userHome = Path.of(envHome != null && !envHome.isBlank() ? envHome : System.getProperty("user.home"));
        String home = env.get("KERBSHELL_HOME");
        String config = env.get("KERBSHELL_CONFIG");
        String xdg = env.get("XDG_CONFIG_HOME");
        Path configDir = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".config");
        return new KerbshellFiles(home != null && !home.isBlank() ? Path.of(home) : userHome.resolve(".kerbshell"),
                config != null && !config.isBlank() ? Path.of(config) : configDir.resolve("kerbshell/config.yaml"));
    }

    public Path historyFile() {
        return home.resolve("history");
    }

    /** Every write kerbshell makes, as JSON lines: what {@code journal} lists and {@code undo} takes back. */
    public Path journalFile() {
        return home.resolve("journal.jsonl");
    }

    /** The lab's changes: a journal of their own, never mixed with a domain's. */
    public Path labJournalFile() {
        return home.resolve("lab-journal.jsonl");
    }
}
