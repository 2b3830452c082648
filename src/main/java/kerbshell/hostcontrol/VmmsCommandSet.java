package kerbshell.hostcontrol;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands that purge a host's cached tickets and restart the Hyper-V Virtual Machine Management service, in
 * the order they run. Each command is known in two spellings: the one a person types at an elevated prompt of
 * that shell ({@link #interactive}), and the command line sent to a remote host ({@link #remote}), whose default
 * shell is cmd.exe for both Windows OpenSSH and a WinRM cmd shell, so PowerShell commands go through
 * {@code powershell.exe}.
 */
public final class VmmsCommandSet {
    /** Purges the tickets of the computer's own logon session (LocalSystem, LUID 0x3e7), which VMMS uses. */
    public static final String PURGE = "klist -li 0x3e7 purge";
    public static final String RESTART_POWERSHELL = "Restart-Service -Name vmms -Force";
    public static final String RESTART_CMD = "net stop vmms && net start vmms";

    private VmmsCommandSet() {
    }

    /** What to type, in order, at an elevated prompt of {@code shell} on the host. */
    public static List<String> interactive(boolean purgeTickets, RemoteShell shell) {
        List<String> commands = new ArrayList<>();
        if (purgeTickets) {
            commands.add(PURGE);
        }
        commands.add(shell == RemoteShell.CMD ? RESTART_CMD : RESTART_POWERSHELL);
        return commands;
    }

    /** The command lines sent to the host's default shell (cmd.exe), in order. */
    public static List<String> remote(boolean purgeTickets, RemoteShell shell) {
        List<String> commands = new ArrayList<>();
        if (purgeTickets) {
            commands.add(PURGE);
        }
        commands.add(shell == RemoteShell.CMD ? RESTART_CMD
                : "powershell -NoProfile -NonInteractive -Command \"" + RESTART_POWERSHELL + "\"");
        return commands;
    }
}
