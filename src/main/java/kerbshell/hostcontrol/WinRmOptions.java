package kerbshell.hostcontrol;

import kerbshell.error.KerbshellException;

import java.nio.file.Path;

/**
 * How to reach WinRM.
 *
 * @param https   HTTPS (the listener on 5986); HTTP (5985) is refused, see {@link WinRmTransport}
 * @param caFile  PEM certificates to trust for the listener's certificate, or null for the JDK's trust store
 */
public record WinRmOptions(boolean https, Path caFile) {

    /** "https" or "http"; null for https. */
    public static boolean parseHttps(String transport) {
        if (transport == null || transport.isBlank() || transport.trim().equalsIgnoreCase("https")) {
            return true;
        }
        if (transport.trim().equalsIgnoreCase("http")) {
            return false;
        }
        throw KerbshellException.usage("--winrm-transport " + transport + " is not a WinRM transport: give https "
                + "or http");
    }
}
