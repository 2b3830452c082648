package kerbshell.hostcontrol;

import kerbshell.lab.HostView;
import com.fasterxml.jackson.annotation.JsonInclude;
import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * The outcome of {@code vmms restart}: which host, how it was reached, each command with its exit status and
 * output, and on the lab the host's refreshed cached view.
 *
 * @param target     where the commands went: an SSH or WinRM endpoint, or the host's name for print and lab
 * @param simulated  true on the lab: nothing ran on a real host
 * @param cachedView the lab host's cached view after the simulated restart; null elsewhere
 * @param pickedUp   on the lab: what the restart picked up that the host's previous view lacked (see
 *                   {@link HostView#changesSince}); null elsewhere
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VmmsRestartResult(String host, String dn, String dnsHostName, String via, String target, String shell,
                                boolean purgeTickets, boolean simulated, List<CommandRun> commands,
                                HostView cachedView, List<String> pickedUp, String summary) implements Renderable {

    @Override
    public ExitStatus exitStatus() {
        return commands.stream().anyMatch(CommandRun::failed) ? ExitStatus.PROBLEM : ExitStatus.OK;
    }

    @Override
    public void renderText(TextOut out) {
        if (Via.PRINT.word().equals(via)) {
            String comment = RemoteShell.CMD.word().equals(shell) ? "REM " : "# ";
            out.line(comment + "On " + target + " (" + host + "), in an elevated "
                    + (RemoteShell.CMD.word().equals(shell) ? "Command Prompt" : "PowerShell") + ", in this order:");
            commands.forEach(command -> out.line(command.command()));
            return;
        }
        out.field("host", host + (dnsHostName == null ? "" : " (" + dnsHostName + ")"), 9);
        if (simulated) {
            out.field("via", "lab: simulated, nothing ran on a real host", 9);
            out.line("commands a real host would run:");
            commands.forEach(command -> out.line("  " + command.command()));
            out.line("cached view refreshed: " + cachedView.summary());
            if (pickedUp.isEmpty()) {
                out.line("picked up since the last restart: nothing (the host's view already matched the directory)");
            } else {
                out.line("picked up since the last restart:");
                pickedUp.forEach(change -> out.line("  " + change));
            }
            return;
        }
        out.field("via", via + " " + target, 9);
        for (CommandRun command : commands) {
            out.line("$ " + command.command());
            if (command.state() == CommandRun.State.NOT_RUN) {
                out.line("  not run: an earlier command failed");
                continue;
            }
            indented(out, command.stdout());
            indented(out, command.stderr());
            out.line("  exit " + command.exitStatus());
        }
        out.line(summary);
    }

    private static void indented(TextOut out, String text) {
        if (text != null && !text.isBlank()) {
            text.strip().lines().forEach(line -> out.line("  " + line.stripTrailing()));
        }
    }
}
