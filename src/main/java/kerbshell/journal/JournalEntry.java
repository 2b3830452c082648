package kerbshell.journal;

import java.time.Instant;
import java.util.List;

/**
 * One attribute of one entry, as a write changed it: recorded before the write is sent. {@code status} is
 * "pending" when recorded; a later line of the journal marks it "done" or "failed".
 *
 * @param command  the command line that made the change
 * @param commandId one id per command invocation, so {@code undo --last} takes back a whole command
 * @param run      the recipe run that made it, or null
 * @param undoOf   the id of the entry this change takes back, or null
 * @param binary   values are base64 (a security descriptor)
 */
public record JournalEntry(String id, Instant time, String operator, String server, String dn, String attribute,
                           List<String> before, List<String> after, boolean binary, String command,
                           String commandId, String run, String undoOf, String status) {

    JournalEntry withStatus(String newStatus) {
        return new JournalEntry(id, time, operator, server, dn, attribute, before, after, binary, command, commandId,
                run, undoOf, newStatus);
    }
}
