package kerbshell.hostcontrol;

import kerbshell.error.KerbshellException;

import java.util.Locale;

/** How a host-control command reaches the host. */
public enum Via {
    /** The built-in lab: nothing runs anywhere; the lab records the restart. */
    LAB,
    /** Print the exact commands to run by hand; change nothing. */
    PRINT,
    /** OpenSSH on Windows, with the user's SSH keys. */
    SSH,
    /** WinRM over HTTPS, authenticated with the session's Kerberos identity. */
    WINRM;

    public static final String NAMES = "lab, print, ssh or winrm";

    public static Via parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw KerbshellException.usage("--via " + text + " is not a way to reach a host: give " + NAMES);
        }
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
