package kerbshell.hostcontrol;

import kerbshell.error.KerbshellException;

import java.util.Locale;

/**
 * Which Windows shell the restart is written for: PowerShell's {@code Restart-Service}, or the Command Prompt's
 * {@code net stop} / {@code net start}. Both stop and start the Hyper-V Virtual Machine Management service (vmms).
 */
public enum RemoteShell {
    POWERSHELL, CMD;

    public static RemoteShell parse(String text) {
        if (text == null || text.isBlank()) {
            return POWERSHELL;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw KerbshellException.usage("--shell " + text + " is not a Windows shell kerbshell writes for: give "
                    + "powershell or cmd");
        }
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
