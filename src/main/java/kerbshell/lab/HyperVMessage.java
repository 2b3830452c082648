package kerbshell.lab;

import java.util.List;

/**
 * What a Windows host shows when a live migration fails to authenticate: the dialog (or Move-VM error) text and
 * the Hyper-V-VMMS events. The codes' texts are Windows' own (SSPI status codes); event 20306 carries the code of
 * the connection failure, event 21502 is the container "migration failed" event (see 'explain 20306').
 *
 * @param code   the SSPI status, e.g. 0x80090303
 * @param text   Windows' text for the code
 * @param dialog what Hyper-V Manager or Move-VM shows
 * @param events the Hyper-V-VMMS events the source logs
 */
public record HyperVMessage(String code, String text, String dialog, List<Event> events) {
    static final String TARGET_UNKNOWN = "0x80090303";
    static final String NO_CREDENTIALS = "0x8009030E";
    static final String WRONG_PRINCIPAL = "0x80090322";

    /** A migration that failed while the source authenticated to the destination. */
    static HyperVMessage migration(String code, String vm, String source, String destination) {
        String text = textOf(code);
        return new HyperVMessage(code, text,
                "Failed to authenticate the connection at the source host: " + text + " (" + code + ")",
                List.of(new Event(20306, "The Virtual Machine Management Service failed to establish a connection "
                                + "for a Virtual Machine migration with host '" + destination + "': " + text + " ("
                                + code + ")."),
                        new Event(21502, "Virtual machine migration operation for '" + vm + "' failed at migration "
                                + "source '" + source + "'.")));
    }

    /**
     * The operator's tool could not even reach the source for remote management (WinRM): Hyper-V logs nothing, and
     * the wording around the code is the tool's own (Hyper-V Manager, PowerShell remoting, Windows Admin Center).
     */
    static HyperVMessage remoteManagement(String code, String source) {
        String text = textOf(code);
        return new HyperVMessage(code, text, "connecting to " + source + " for remote management fails: " + text
                + " (" + code + "); each tool words the rest its own way", List.of());
    }

    /** A Hyper-V-VMMS event (Applications and Services Logs, Microsoft, Windows, Hyper-V-VMMS, Admin). */
    public record Event(int id, String text) {
    }

    static String textOf(String code) {
        return switch (code) {
            case TARGET_UNKNOWN -> "The specified target is unknown or unreachable";
            case NO_CREDENTIALS -> "No credentials are available in the security package";
            case WRONG_PRINCIPAL -> "The target principal name is incorrect";
            default -> throw new IllegalArgumentException("no text for " + code);
        };
    }
}
