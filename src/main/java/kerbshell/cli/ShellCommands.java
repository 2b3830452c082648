package kerbshell.cli;

import kerbshell.output.Message;
import kerbshell.output.Renderable;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

import java.util.List;

/** help and debug: the shell itself (Spring Shell's own help is switched off for this one; exit is ExitCommands). */
@Command(group = "Shell")
public class ShellCommands {
    /** What 'debug' is switched with. */
    public enum Switch { ON, OFF }

    private final CommandHelp help;
    private final ErrorReporter errors;

    ShellCommands(CommandHelp help, ErrorReporter errors) {
        this.help = help;
        this.errors = errors;
    }

    @Command(command = "help", description = "Show the commands, one group of them (help spn) or one command with "
            + "its arguments, options and examples.")
    @Example(value = "help", says = "Lists every command by group, each with one sentence.")
    @Example(value = "help spn", says = "Lists the spn commands with their synopses.")
    @Example(value = "help check pair", says = "Shows check pair's arguments, options and examples.")
    Renderable help(@Option(arityMax = 8, label = "COMMAND", description = "A command or a group of commands.")
                    List<String> command) {
        if (command == null || command.isEmpty()) {
            return help.index();
        }
        String line = String.join(" ", command);
        CommandRegistration registration = help.visible().stream().filter(r -> r.getCommand().equals(line))
                .findFirst().orElse(null);
        if (registration != null) {
            return help.command(registration);
        }
        if (!help.groupOf(command).isEmpty()) {
            return help.group(command);
        }
        throw help.unknownCommand(command);
    }

    @Command(command = "debug", description = "Switch stack traces and debug details of errors on or off for the "
            + "rest of the session (as the launch option --debug does; --debug on one line does it for that line).")
    @Example(value = "debug on", says = "Shows the full stack trace of every error from now on.")
    @Example(value = "debug off", says = "Back to one line per error.")
    Message debug(@Option(required = true, label = "on|off", description = "on or off.") Switch state) {
        errors.setDebug(state == Switch.ON);
        return new Message("debug " + (state == Switch.ON ? "on: errors show their stack trace"
                : "off: one line per error"));
    }
}
