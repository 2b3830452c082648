package kerbshell.cli;

import org.springframework.shell.command.CommandRegistration;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a command does to the directory, as recipes need to know it: a command with {@code --dry-run} writes; one
 * without it writes too (without a dry run: {@code undo}, {@code lab reset}, {@code vmms restart}) unless it is
 * known to read only. The one list of read-only commands: a new command counts as writing until it is added here.
 */
final class CommandKinds {
    private static final Set<String> READ_ONLY = Set.of("check host", "check pair", "check cluster",
            "check clusters", "check user", "check replica", "check storage", "check wac", "explain", "journal",
            "spn list", "spn find", "spn duplicates", "delegate show", "delegate audit", "status", "resolve",
            "recipe list", "recipe show", "ticket get", "ticket s4u", "lab status", "lab scenario list",
            "lab scenario status", "lab scenario hint", "lab scenario check", "profile list", "help", "version");
    /** Commands about the shell itself, not the directory: never steps of a recorded recipe. */
    private static final List<String> NOT_RECORDED = List.of("recipe", "connect", "disconnect", "profile", "tutorial",
            "lab start", "lab stop", "lab scenario", "completion", "journal", "undo");

    private CommandKinds() {
    }

    static boolean hasOption(CommandRegistration registration, String name) {
        return registration.getOptions().stream().anyMatch(o -> Arrays.asList(o.getLongNames()).contains(name));
    }

    /** Whether the command may change the directory (or anything else outside the shell). */
    static boolean writes(CommandRegistration registration) {
        return hasOption(registration, "dry-run") || !READ_ONLY.contains(registration.getCommand());
    }

    static boolean hasDryRun(CommandRegistration registration) {
        return hasOption(registration, "dry-run");
    }

    static boolean isCheck(CommandRegistration registration) {
        return registration.getCommand().startsWith("check ");
    }

    /** A writing command a recording keeps as a step of the recipe. */
    static boolean recordable(CommandRegistration registration) {
        String command = registration.getCommand();
        return writes(registration) && NOT_RECORDED.stream().noneMatch(p -> command.equals(p)
                || command.startsWith(p + " "));
    }
}
