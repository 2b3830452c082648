package kerbshell.hostcontrol;

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

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
