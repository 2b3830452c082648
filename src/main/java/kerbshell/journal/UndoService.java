package kerbshell.journal;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.directory.LdapFailures;
import kerbshell.error.KerbshellException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Takes back journaled changes exactly, in reverse order: each attribute goes back to its values before the
 * change. Refuses, before writing anything, where the directory no longer holds the values the change left —
 * someone changed it since — naming the attribute and both values.
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
                    + " (it may be undone already, have failed, or be an undo itself): 'journal' lists them");
        }
        return undo(target, "change " + id);
    }

    /** @param runId a recipe run's id, or "last" for the most recent run with changes left to undo */
    public UndoReport undoRun(String runId) {
        List<JournalEntry> candidates = undoable();
        String run = !runId.equals("last") ? runId : candidates.stream().map(JournalEntry::run)
                .filter(java.util.Objects::nonNull).reduce((first, second) -> second)
                .orElseThrow(() -> KerbshellException.failure("no recipe run has changes left to undo on "
                        + Journal.server(session)));
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
                    + " has no change on " + Journal.server(session) + " that is not undone yet");
        }
        String last = candidates.get(candidates.size() - 1).commandId();
        return undo(candidates.stream().filter(e -> e.commandId().equals(last)).toList(),
                "'" + candidates.get(candidates.size() - 1).command() + "'");
    }

    /** Changes made on this session's server, written, not undo themselves, and not undone yet. */
    private List<JournalEntry> undoable() {
        List<JournalEntry> all = journal.entries();
        Set<String> undone = all.stream().filter(e -> e.undoOf() != null && "done".equals(e.status()))
                .map(JournalEntry::undoOf).collect(Collectors.toSet());
        String server = Journal.server(session);
        return all.stream().filter(e -> "done".equals(e.status()) && e.undoOf() == null
                && !undone.contains(e.id()) && server.equals(e.server())).toList();
    }

    private UndoReport undo(List<JournalEntry> entries, String what) {
        List<JournalEntry> newestFirst = new ArrayList<>(entries);
        newestFirst.sort(Comparator.comparing(JournalEntry::time).thenComparing(JournalEntry::id).reversed());
        requireUnchangedSince(newestFirst);
        journal.startCommand("undo " + what, journal.currentRun());
        List<UndoReport.Restored> restored = new ArrayList<>();
        for (JournalEntry entry : newestFirst) {
            LdapChange inverse = inverseOf(entry);
            journal.undoing(entry.id());
            try {
                session.apply(inverse);
            } catch (LDAPException e) {
                throw LdapFailures.onOperation(e, "undoing " + entry.id() + " (" + entry.attribute() + " of "
                        + entry.dn() + "); undone before it: " + restored.size() + " change(s)");
            } finally {
                journal.undoing(null);
            }
            restored.add(new UndoReport.Restored(entry.id(), entry.dn(), entry.attribute(), entry.after(),
                    entry.before()));
        }
        return new UndoReport(what, restored);
    }

    /**
     * The journal holds the values each change left. Walking back from the newest, each change must find what it
     * left: in the directory for the newest change of an attribute, and for an older one what the newer change it
     * follows had found before it. Otherwise the undo would overwrite somebody's later change.
     */
    private void requireUnchangedSince(List<JournalEntry> newestFirst) {
        Map<String, List<String>> expected = new HashMap<>();
        for (JournalEntry entry : newestFirst) {
            String key = entry.dn().toLowerCase(Locale.ROOT) + "|" + entry.attribute().toLowerCase(Locale.ROOT);
            List<String> now = expected.containsKey(key) ? expected.get(key) : currentValues(entry);
            if (!sameValues(now, entry.after(), entry.binary())) {
                throw KerbshellException.failure("cannot undo " + entry.id() + ": " + entry.attribute() + " of "
                        + entry.dn() + " was changed since (the change left " + difference(entry.after(), now, entry)
                        + ", the directory now holds " + difference(now, entry.after(), entry) + " instead); "
                        + "nothing was undone");
            }
            expected.put(key, entry.before());
        }
    }

    /** The values of {@code values} that {@code other} lacks, or "no value" when there are none. */
    private static String difference(List<String> values, List<String> other, JournalEntry entry) {
        List<String> extra = minus(values, other, entry.binary());
        return extra.isEmpty() ? "no other value" : String.join(", ", extra);
    }

    private List<String> currentValues(JournalEntry entry) {
        try {
            SearchResultEntry current = session.ldap().getEntry(entry.dn(), entry.attribute());
            if (current == null || !current.hasAttribute(entry.attribute())) {
                return List.of();
            }
            if (entry.binary()) {
                List<String> values = new ArrayList<>();
                for (byte[] value : current.getAttributeValueByteArrays(entry.attribute())) {
                    values.add(Base64.getEncoder().encodeToString(value));
                }
                return values;
            }
            return List.of(current.getAttributeValues(entry.attribute()));
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading " + entry.attribute() + " of " + entry.dn());
        }
    }

    private static LdapChange inverseOf(JournalEntry entry) {
        List<String> toDelete = minus(entry.after(), entry.before(), entry.binary());
        List<String> toAdd = minus(entry.before(), entry.after(), entry.binary());
        return new LdapChange(entry.dn(), List.of(
                new LdapChange.Step("delete", entry.attribute(), toDelete, entry.binary()),
                new LdapChange.Step("add", entry.attribute(), toAdd, entry.binary())));
    }

    private static List<String> minus(List<String> values, List<String> removed, boolean binary) {
        return values.stream().filter(v -> removed.stream().noneMatch(r -> AttributeValues.same(v, r, binary)))
                .toList();
    }

    private static boolean sameValues(List<String> a, List<String> b, boolean binary) {
        return a.size() == b.size() && key(a, binary).equals(key(b, binary));
    }

    private static List<String> key(List<String> values, boolean binary) {
        return values.stream().map(v -> binary ? v : v.toLowerCase(Locale.ROOT)).sorted().toList();
    }
}
