package kerbshell.journal;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.directory.LdapFailures;
import kerbshell.error.KerbshellException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Takes back journaled changes exactly, in reverse order, value by value: what a change added is deleted, what it
 * removed is added back; values someone else added or removed since are left alone. Works through any DC of the
 * domain and any name for it: entries belong to the domain, and each entry is found by its objectGUID. Refuses,
 * before writing anything, where a value the change added is gone or a value it removed is back — someone
 * changed that value since — naming the attribute, the entry and the value.
 */
public final class UndoService {
    private final DirectorySession session;
    private final Journal journal;

    public UndoService(DirectorySession session, Journal journal) {
        this.session = session;
        this.journal = journal;
    }

    public UndoReport undoEntry(String id) {
        List<JournalEntry> target = undoable().stream().filter(e -> e.id().equals(id)).toList();
        if (target.isEmpty()) {
            throw KerbshellException.usage("no change " + id + " to undo in " + journal.file()
                    + " (it may be undone already, not applied, of another domain, or be an undo itself): "
                    + "'journal' lists them");
        }
        return undo(target, "change " + id);
    }

    /** @param runId a recipe run's id, or "last" for the most recent run with changes left to undo */
    public UndoReport undoRun(String runId) {
        List<JournalEntry> candidates = undoable();
        String run = !runId.equals("last") ? runId : candidates.stream().map(JournalEntry::run)
                .filter(java.util.Objects::nonNull).reduce((first, second) -> second)
                .orElseThrow(() -> KerbshellException.failure("no recipe run has changes left to undo in domain "
                        + domainName()));
        List<JournalEntry> target = candidates.stream().filter(e -> run.equals(e.run())).toList();
        if (target.isEmpty()) {
            throw KerbshellException.usage("no changes of recipe run " + run + " left to undo: 'journal' lists runs");
        }
        return undo(target, "recipe run " + run);
    }

    /** The changes of the most recent command that made changes and has not been undone. */
    public UndoReport undoLast() {
        List<JournalEntry> candidates = undoable();
        if (candidates.isEmpty()) {
            throw KerbshellException.failure("nothing to undo: the journal " + journal.file()
                    + " has no change in domain " + domainName() + " that is not undone yet");
        }
        String last = candidates.get(candidates.size() - 1).commandId();
        return undo(candidates.stream().filter(e -> e.commandId().equals(last)).toList(),
                "'" + candidates.get(candidates.size() - 1).command() + "'");
    }

    /**
     * Changes made in this session's domain (through whichever DC), applied (as the DC said, or as read back),
     * not undo themselves, and not undone yet. Pending entries left by a dead process are read back first.
     */
    private List<JournalEntry> undoable() {
        journal.resolvePending(session);
        List<JournalEntry> all = journal.entries();
        Set<String> undone = all.stream().filter(e -> e.undoOf() != null && e.applied())
                .map(JournalEntry::undoOf).collect(Collectors.toSet());
        return all.stream().filter(e -> e.applied() && e.undoOf() == null && !undone.contains(e.id())
                && Journal.belongsTo(e, session)).toList();
    }

    private String domainName() {
        return session.domain().dnsDomain();
    }

    private UndoReport undo(List<JournalEntry> entries, String what) {
        List<JournalEntry> newestFirst = new ArrayList<>(entries);
        newestFirst.sort(Comparator.comparing(JournalEntry::time).thenComparing(JournalEntry::id).reversed());
        Map<String, String> dns = requireUnchangedSince(newestFirst);
        journal.startCommand("undo " + what, journal.currentRun());
        List<UndoReport.Restored> restored = new ArrayList<>();
        for (JournalEntry entry : newestFirst) {
            String dn = dns.get(entry.id());
            LdapChange inverse = inverseOf(entry, dn);
            journal.undoing(entry.id());
            try {
                session.apply(inverse);
            } catch (LDAPException e) {
                throw LdapFailures.onOperation(e, "undoing " + entry.id() + " (" + entry.attribute() + " of "
                        + dn + "); undone before it: " + restored.size() + " change(s)");
            } finally {
                journal.undoing(null);
            }
            restored.add(new UndoReport.Restored(entry.id(), dn, entry.attribute(), entry.added(), entry.removed()));
        }
        return new UndoReport(what, restored);
    }

    /**
     * Walking back from the newest change, each must find the values it added still there and the values it
     * removed still gone: in the directory for the newest change of an attribute, and for an older one as the
     * newer changes' undo will leave it. Otherwise the undo would take back somebody's later change of that value.
     * Returns each entry's DN as it is now (found by objectGUID: the entry may have been renamed or moved).
     */
    private Map<String, String> requireUnchangedSince(List<JournalEntry> newestFirst) {
        Map<String, List<String>> state = new HashMap<>();
        Map<String, String> dns = new HashMap<>();
        for (JournalEntry entry : newestFirst) {
            SearchResultEntry current = locate(entry);
            dns.put(entry.id(), current.getDN());
            String key = current.getDN().toLowerCase(Locale.ROOT) + "|" + entry.attribute().toLowerCase(Locale.ROOT);
            List<String> now = state.containsKey(key) ? state.get(key)
                    : AttributeValues.of(current, entry.attribute(), entry.binary());
            List<String> gone = entry.added().stream().filter(v -> !AttributeValues.contains(now, v, entry.binary()))
                    .toList();
            List<String> back = entry.removed().stream().filter(v -> AttributeValues.contains(now, v, entry.binary()))
                    .toList();
            if (!gone.isEmpty() || !back.isEmpty()) {
                String value = !gone.isEmpty() ? shown(gone, entry) : shown(back, entry);
                String change = !gone.isEmpty() ? "added " + value + ", which the directory no longer holds"
                        : "removed " + value + ", which the directory holds again";
                throw KerbshellException.failure("cannot undo " + entry.id() + " ('" + entry.command() + "'): "
                        + entry.attribute() + " of " + current.getDN() + " was changed since: the change " + change
                        + " (it now holds " + (now.isEmpty() ? "no value" : shown(now, entry)) + "); nothing was undone");
            }
            List<String> earlier = new ArrayList<>(AttributeValues.minus(now, entry.added(), entry.binary()));
            earlier.addAll(entry.removed());
            state.put(key, earlier);
        }
        return dns;
    }

    private static String shown(List<String> values, JournalEntry entry) {
        return entry.binary() ? values.size() + " binary value(s)"
                : values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }

    /** The entry the change was made to, as it is now: by objectGUID when the journal has it, else by DN. */
    private SearchResultEntry locate(JournalEntry entry) {
        try {
            SearchResultEntry found;
            if (entry.guid() != null) {
                SearchResult result = session.ldap().search(session.baseDn(), SearchScope.SUB,
                        Filter.createEqualityFilter(Ad.OBJECT_GUID, HexFormat.of().parseHex(entry.guid())),
                        entry.attribute());
                found = result.getEntryCount() == 1 ? result.getSearchEntries().get(0) : null;
            } else {
                found = session.ldap().getEntry(entry.dn(), entry.attribute());
            }
            if (found == null) {
                throw KerbshellException.failure("cannot undo " + entry.id() + ": " + entry.dn()
                        + (entry.guid() != null ? " (objectGUID " + entry.guid() + ")" : "")
                        + " is not in domain " + domainName() + " any more; nothing was undone");
            }
            return found;
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading " + entry.attribute() + " of " + entry.dn());
        }
    }

    private static LdapChange inverseOf(JournalEntry entry, String dn) {
        return new LdapChange(dn, List.of(
                new LdapChange.Step("delete", entry.attribute(), entry.added(), entry.binary()),
                new LdapChange.Step("add", entry.attribute(), entry.removed(), entry.binary())));
    }
}
