package kerbshell.hostcontrol;


import java.util.Locale;

/**
 * Which Windows shell the restart is written for: PowerShell's {@code Restart-Service}, or the Command Prompt's
 * {@code net stop} / {@code net start}. Both stop and start the Hyper-V Virtual Machine Management service (vmms).
 */
public enum RemoteShell {
    POWERSHELL, CMD;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
