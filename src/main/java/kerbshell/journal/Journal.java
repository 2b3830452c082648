package kerbshell.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.error.KerbshellException;
import kerbshell.output.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The change journal: every write of every command, recorded as JSON lines in the kerbshell directory before it
 * is sent (values before and after, who, which domain and object, which command and recipe run), then given its
 * outcome. What {@code journal} lists and {@code undo} takes back.
 *
 * <p>Every write ends with a known outcome. The {@code pending} line is on disk before the request is sent (no
 * room for it: the request is not sent). When the DC's answer is lost, the entry is read back at once; when that
 * fails too, or the process dies mid-write, the entry stays {@code pending} until the next kerbshell process
 * connected to that domain opens the journal and reads it back ({@link #resolvePending}). The lab's changes go to
 * a journal of their own: they are never mixed with a domain's.
 *
 * <p>Thread-safe for writes; the command context ({@link #startCommand}) belongs to the shell's one thread.
 */
public final class Journal implements DirectorySession.WriteObserver {
    private static final long OWN_PID = ProcessHandle.current().pid();
    /** Ids of the lines whose write is on the wire in this process: not to be read back by a resolver. */
    private static final Set<String> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private final JournalFile domainFile;
    private final JournalFile labFile;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, JournalEntry> sent = new ConcurrentHashMap<>();
    private volatile boolean lab;
    private String command = "";
    private String commandId = newId();
    private String run;
    private String undoOf;

    /** A journal whose lab changes go to {@code lab-journal.jsonl} beside {@code file}. */
    public Journal(Path file, Clock clock) {
        this(file, file.resolveSibling("lab-" + file.getFileName()), clock);
    }

    public Journal(Path domainFile, Path labFile, Clock clock) {
        this.domainFile = new JournalFile(domainFile);
        this.labFile = new JournalFile(labFile);
        this.clock = clock;
    }

    /** Says which command (and recipe run, or null) the following writes belong to. */
    public void startCommand(String commandLine, String runId) {
        this.command = commandLine;
        this.commandId = newId();
        this.run = runId;
    }

    public String currentRun() {
        return run;
    }

    /** Chooses the journal that {@link #entries} reads: the lab's own, or the domains'. */
    public void useFor(DirectorySession session) {
        this.lab = session.environment().inProcess();
    }

    /** Marks the following writes as taking back journal entry {@code id} (null to stop). */
    void undoing(String id) {
        this.undoOf = id;
    }

    /** Records the change as pending, on disk; returns the ids of the lines written, one per attribute. */
    @Override
    public List<String> beforeWrite(DirectorySession session, LdapChange change) throws LDAPException {
        Map<String, List<LdapChange.Step>> byAttribute = new LinkedHashMap<>();
        for (LdapChange.Step step : change.steps()) {
            byAttribute.computeIfAbsent(step.attribute(), a -> new ArrayList<>()).add(step);
        }
        List<String> read = new ArrayList<>(byAttribute.keySet());
        read.add(Ad.OBJECT_GUID);
        SearchResultEntry current = session.ldap().getEntry(change.dn(), read.toArray(String[]::new));
        String guid = current == null || !current.hasAttribute(Ad.OBJECT_GUID) ? null
                : HexFormat.of().formatHex(current.getAttributeValueBytes(Ad.OBJECT_GUID));
        JournalFile file = fileFor(session);
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, List<LdapChange.Step>> attribute : byAttribute.entrySet()) {
            boolean binary = attribute.getValue().stream().anyMatch(LdapChange.Step::binary);
            List<String> before = AttributeValues.of(current, attribute.getKey(), binary);
            List<String> after = new ArrayList<>(before);
            for (LdapChange.Step step : attribute.getValue()) {
                if (step.operation().equals("add")) {
                    after.addAll(step.values());
                } else if (step.replaces()) {
                    after.clear();
                    after.addAll(step.values());
                } else {
                    step.values().forEach(v -> after.removeIf(existing -> AttributeValues.same(existing, v, binary)));
                }
            }
            JournalEntry entry = new JournalEntry(nextId(), clock.instant(), session.identity(),
                    server(session), session.baseDn(), guid, OWN_PID, change.dn(), attribute.getKey(), before, after,
                    binary, command, commandId, run, undoOf, JournalEntry.PENDING);
            try {
                file.append(Json.mapper().writeValueAsString(entry));
            } catch (IOException e) {
                ids.forEach(this::forget);
                throw KerbshellException.failure("cannot write the journal " + file.path() + " (" + e.getMessage()
                        + "): the change to " + attribute.getKey() + " of " + change.dn() + " was not sent; "
                        + (ids.isEmpty() ? "" : "its lines so far stay pending and are read back later; ")
                        + "make room there and run the command again");
            }
            IN_FLIGHT.add(entry.id());
            sent.put(entry.id(), entry);
            ids.add(entry.id());
        }
        return ids;
    }

    @Override
    public void afterWrite(List<String> ids, boolean succeeded) {
        record(ids, succeeded ? JournalEntry.DONE : JournalEntry.FAILED);
    }

    /**
     * The DC's answer is lost: reads the entry back on a fresh connection and records what it holds. Returns true
     * when the change is in the directory; throws, saying what is known, otherwise.
     */
    @Override
    public boolean answerLost(DirectorySession session, List<String> ids, LDAPException lost) {
        List<JournalEntry> entries = ids.stream().map(sent::get).filter(java.util.Objects::nonNull).toList();
        ids.forEach(IN_FLIGHT::remove);
        if (entries.isEmpty()) {
            return false;
        }
        JournalEntry first = entries.get(0);
        String what = "the change to " + first.attribute() + " of " + first.dn();
        String why = "the DC's answer was lost (" + lost.getResultCode() + ": " + lost.getDiagnosticMessage() + ")";
        List<String> outcomes = new ArrayList<>();
        try {
            for (JournalEntry entry : entries) {
                outcomes.add(judge(entry, readBack(session, entry)));
            }
        } catch (LDAPException e) {
            ids.forEach(this::forget);
            throw KerbshellException.failure(why + " and reading " + first.dn() + " back failed too ("
                    + e.getResultCode() + "): whether " + what + " was applied is not known yet; the journal keeps "
                    + "it pending (" + first.id() + ") and the next 'journal' or 'undo' on this domain reads it back");
        }
        for (int i = 0; i < entries.size(); i++) {
            record(List.of(entries.get(i).id()), outcomes.get(i));
        }
        if (outcomes.stream().allMatch(JournalEntry.APPLIED_READ_BACK::equals)) {
            return true;
        }
        if (outcomes.stream().allMatch(JournalEntry.NOT_APPLIED::equals)) {
            throw KerbshellException.failure(why + "; read back: " + what + " was not applied, nothing changed: "
                    + "run the command again");
        }
        throw KerbshellException.failure(why + "; read back: " + first.dn() + " holds values neither before nor "
                + "after the change (someone else changed it meanwhile): 'journal' shows " + first.id()
                + " as " + JournalEntry.UNDETERMINED + "; check the entry by hand");
    }

    /**
     * Takes up a session just opened, however it was opened: its journal (the lab's own or the domains'), and the
     * writes a dead kerbshell left pending in its domain, read back now that the domain is at hand. An unreadable
     * journal does not stop the session: 'journal' and 'undo' report it.
     */
    public void attach(DirectorySession session) {
        attach(session, null);
    }

    /**
     * {@link #attach(DirectorySession)} with the journal as {@link #readAhead} read it while the session was being
     * opened (a one-shot launch parses it on a second core meanwhile); read again when it is not this session's
     * journal or could not be read.
     */
    public void attach(DirectorySession session, Contents readAhead) {
        useFor(session);
        try {
            resolvePending(session, readAhead);
        } catch (RuntimeException e) {
            // reported by 'journal' and 'undo'
        }
    }

    /** The journal a session will use, read before it is open: the lab's own ({@code inProcess}) or the domains'. */
    public Contents readAhead(boolean inProcess) {
        return read(inProcess ? labFile : domainFile);
    }

    /**
     * Reads back the pending entries of this session's domain whose writer is gone (another process that died or
     * was killed, or a write of this one whose outcome could not be recorded) and records their outcome. Stops
     * quietly at the first read that fails: they stay pending for the next time.
     *
     * @return how many entries got an outcome
     */
    public int resolvePending(DirectorySession session) {
        return resolvePending(session, null);
    }

    private int resolvePending(DirectorySession session, Contents readAhead) {
        JournalFile file = fileFor(session);
        Contents contents = readAhead != null && readAhead.sideFile().equals(file.sideFile()) ? readAhead : read(file);
        int resolved = 0;
        for (JournalEntry entry : contents.entries()) {
            if (!entry.pending() || !belongsTo(entry, session) || !writerGone(entry)) {
                continue;
            }
            try {
                record(file, List.of(entry.id()), judge(entry, readBack(session, entry)));
                resolved++;
            } catch (LDAPException e) {
                return resolved;
            } catch (KerbshellException e) {
                return resolved; // no room to record it: next time
            }
        }
        return resolved;
    }

    /** Whether the change was made in this session's domain, whichever DC or name the session uses. */
    public static boolean belongsTo(JournalEntry entry, DirectorySession session) {
        if (entry.domain() != null) {
            return entry.domain().equalsIgnoreCase(session.baseDn());
        }
        return server(session).equals(entry.server()); // journals written before entries carried their domain
    }

    private static boolean writerGone(JournalEntry entry) {
        if (entry.pid() == null) {
            return true;
        }
        if (entry.pid() == OWN_PID) {
            return !IN_FLIGHT.contains(entry.id());
        }
        return ProcessHandle.of(entry.pid()).map(p -> !p.isAlive()).orElse(true);
    }

    /** The entry as the directory holds it now, found by its objectGUID when the journal has it. */
    static SearchResultEntry readBack(DirectorySession session, JournalEntry entry) throws LDAPException {
        if (entry.guid() != null) {
            return session.readBackByGuid(HexFormat.of().parseHex(entry.guid()), entry.attribute());
        }
        return session.readBack(entry.dn(), entry.attribute());
    }

    /** What the values read back say about a change whose answer was lost. */
    static String judge(JournalEntry entry, SearchResultEntry current) {
        if (current == null) {
            return JournalEntry.UNDETERMINED;
        }
        List<String> now = AttributeValues.of(current, entry.attribute(), entry.binary());
        boolean addedThere = entry.added().stream().allMatch(v -> AttributeValues.contains(now, v, entry.binary()));
        boolean removedGone = entry.removed().stream().noneMatch(v -> AttributeValues.contains(now, v, entry.binary()));
        if (addedThere && removedGone) {
            return JournalEntry.APPLIED_READ_BACK;
        }
        boolean addedAbsent = entry.added().stream().noneMatch(v -> AttributeValues.contains(now, v, entry.binary()));
        boolean removedThere = entry.removed().stream().allMatch(v -> AttributeValues.contains(now, v, entry.binary()));
        return addedAbsent && removedThere ? JournalEntry.NOT_APPLIED : JournalEntry.UNDETERMINED;
    }

    /** The journal as it stands: each change with its final status. */
    public List<JournalEntry> entries() {
        return read().entries();
    }

    /** The journal as it stands, and how many unfinished lines were set aside. */
    public Contents read() {
        return read(lab ? labFile : domainFile);
    }

    /** The changes, oldest first, with their outcome; lines that are not whole, set aside in {@code sideFile}. */
    public record Contents(List<JournalEntry> entries, int damagedLines, Path sideFile) {
    }

    private static Contents read(JournalFile file) {
        JournalFile.Contents contents;
        try {
            contents = file.read();
        } catch (IOException e) {
            throw KerbshellException.failure("cannot read the journal " + file.path() + ": " + e.getMessage());
        }
        Map<String, JournalEntry> byId = new LinkedHashMap<>();
        int damaged = contents.setAside().size();
        for (String line : contents.lines()) {
            if (line.isBlank()) {
                continue;
            }
            JournalEntry entry;
            try {
                entry = Json.mapper().readValue(line, JournalEntry.class);
            } catch (JsonProcessingException e) {
                damaged++; // a line cut short by an older kerbshell: the rest is still the journal
                continue;
            }
            if (entry.id() == null) {
                damaged++;
                continue;
            }
            JournalEntry known = byId.get(entry.id());
            if (known == null) {
                if (entry.dn() != null) {
                    byId.put(entry.id(), entry);
                }
            } else if (known.pending()) {
                byId.put(entry.id(), known.withStatus(entry.status()));
            }
        }
        return new Contents(List.copyOf(byId.values()), damaged, file.sideFile());
    }

    public Path file() {
        return (lab ? labFile : domainFile).path();
    }

    static String server(DirectorySession session) {
        return session.settings().server() + ":" + session.settings().effectivePort()
                + session.environment().serverSuffix();
    }

    private void record(List<String> ids, String status) {
        JournalEntry first = ids.isEmpty() ? null : sent.get(ids.get(0));
        ids.forEach(IN_FLIGHT::remove);
        if (first == null) {
            return;
        }
        record(first.server().endsWith(" (lab)") ? labFile : domainFile, ids, status);
    }

    private void record(JournalFile file, List<String> ids, String status) {
        for (String id : ids) {
            try {
                file.append(Json.mapper().writeValueAsString(JournalEntry.outcome(id, clock.instant(), status)));
            } catch (IOException e) {
                ids.forEach(this::forget);
                throw KerbshellException.failure("cannot write to the journal " + file.path() + " (" + e.getMessage()
                        + "): the write " + id + " is " + status + ", but the journal still says pending; it is read "
                        + "back the next time kerbshell opens the journal with room to write");
            }
            forget(id);
        }
    }

    private void forget(String id) {
        IN_FLIGHT.remove(id);
        sent.remove(id);
    }

    private JournalFile fileFor(DirectorySession session) {
        return session.environment().inProcess() ? labFile : domainFile;
    }

    private String nextId() {
        return commandId + "-" + sequence.incrementAndGet();
    }

    private static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
