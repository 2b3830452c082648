package kerbshell.diagnosis;

import kerbshell.error.KerbshellException;

import java.util.regex.Pattern;

/**
 * The file server a {@code check storage} argument names: a share as Windows writes it ({@code \\fs01\vms},
 * {@code \\fs01.corp.example\vms\disks}), the same with forward slashes, or the server's name alone.
 */
final class SharePath {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9-]+)*");
    private static final Pattern ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|.*:.*");

    private SharePath() {
    }

    static String server(String text) {
        String given = text == null ? "" : text.strip();
        String path = given.replace('/', '\\');
        String server = path.startsWith("\\\\") ? path.substring(2).split("\\\\", 2)[0] : path;
        if (ADDRESS.matcher(server).matches()) {
            throw KerbshellException.usage(given + " names the file server by its address: Windows then uses NTLM, "
                    + "not Kerberos; give its name (\\\\fs01\\share)");
        }
        if (server.isEmpty() || !NAME.matcher(server).matches()) {
            throw KerbshellException.usage("'" + given + "' is not a share or a server name: give \\\\fs01\\share "
                    + "or fs01");
        }
        return server;
    }
}
