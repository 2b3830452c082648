package kerbshell.journal;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One attribute of one entry, as a write changed it: recorded before the write is sent. {@code status} is
 * {@value #PENDING} when recorded; a later line of the journal gives the outcome: {@value #DONE} (the DC said so),
 * {@value #FAILED} (the DC refused it), or, when the DC's answer was lost, what reading the entry back found:
 * {@value #APPLIED_READ_BACK}, {@value #NOT_APPLIED} or {@value #UNDETERMINED}.
 *
 * @param server   the DC it was sent to, as named then (host:port)
 * @param domain   the domain's naming context: what matches the change to a session, through any DC of it
 * @param guid     the entry's objectGUID in hex, which survives renames and moves; null when the directory has none
 * @param pid      the process that sent it, so a later process can tell a write still in flight from one whose
 *                 writer died
 * @param command  the command line that made the change
 * @param commandId one id per command invocation, so {@code undo --last} takes back a whole command
 * @param run      the recipe run that made it, or null
 * @param undoOf   the id of the entry this change takes back, or null
 * @param binary   values are base64 (a security descriptor)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(String id, Instant time, String operator, String server, String domain, String guid,
                           Long pid, String dn, String attribute, List<String> before, List<String> after,
                           boolean binary, String command, String commandId, String run, String undoOf,
                           String status) {
    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String APPLIED_READ_BACK = "applied (read back)";
    public static final String NOT_APPLIED = "not applied";
    /** Read back after a lost answer, the entry held neither the values before nor after: someone changed it. */
    public static final String UNDETERMINED = "undetermined (read back)";

    /** Whether the directory took the change, as the DC said or as reading it back showed. */
    public boolean applied() {
        return DONE.equals(status) || APPLIED_READ_BACK.equals(status);
    }

    public boolean pending() {
        return PENDING.equals(status);
    }

    /** The line that gives an entry's outcome: its id and the new status. */
    static JournalEntry outcome(String id, Instant time, String status) {
        return new JournalEntry(id, time, null, null, null, null, null, null, null, null, null, false, null, null,
                null, null, status);
    }

    JournalEntry withStatus(String newStatus) {
        return new JournalEntry(id, time, operator, server, domain, guid, pid, dn, attribute, before, after, binary,
                command, commandId, run, undoOf, newStatus);
    }

    /** The values the change added: in {@code after}, not in {@code before}. */
    public List<String> added() {
        return AttributeValues.minus(after, before, binary);
    }

    /** The values the change removed: in {@code before}, not in {@code after}. */
    public List<String> removed() {
        return AttributeValues.minus(before, after, binary);
    }
}
