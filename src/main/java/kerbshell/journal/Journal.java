package kerbshell.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.error.KerbshellException;
import kerbshell.output.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The change journal: every write of every command, recorded as JSON lines in the kerbshell directory before it
 * is sent (values before and after, who, where, which command and recipe run), then marked done or failed. What
 * {@code journal} lists and {@code undo} takes back.
 */
public final class Journal implements DirectorySession.WriteObserver {
    private static final ObjectMapper JSON = Json.mapper();

    private final Path file;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private String command = "";
    private String commandId = newId();
    private String run;
    private String undoOf;

    public Journal(Path file, Clock clock) {
        this.file = file;
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

    /** Marks the following writes as taking back journal entry {@code id} (null to stop). */
    void undoing(String id) {
        this.undoOf = id;
    }

    /** Records the change as pending; returns the ids of the lines written, one per attribute. */
    @Override
    public List<String> beforeWrite(DirectorySession session, LdapChange change) throws LDAPException {
        Map<String, List<LdapChange.Step>> byAttribute = new LinkedHashMap<>();
        for (LdapChange.Step step : change.steps()) {
            byAttribute.computeIfAbsent(step.attribute(), a -> new ArrayList<>()).add(step);
        }
        SearchResultEntry current = session.ldap().getEntry(change.dn(), byAttribute.keySet().toArray(String[]::new));
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, List<LdapChange.Step>> attribute : byAttribute.entrySet()) {
            boolean binary = attribute.getValue().stream().anyMatch(LdapChange.Step::binary);
            List<String> before = values(current, attribute.getKey(), binary);
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
            JournalEntry entry = new JournalEntry(nextId(), clock.instant(), session.identity(), server(session),
                    change.dn(), attribute.getKey(), before, after, binary, command, commandId, run, undoOf,
                    "pending");
            append(entry);
            ids.add(entry.id());
        }
        return ids;
    }

    @Override
    public void afterWrite(List<String> ids, boolean succeeded) {
        for (String id : ids) {
            append(new JournalEntry(id, clock.instant(), null, null, null, null, null, null, false, null, null,
                    null, null, succeeded ? "done" : "failed"));
        }
    }

    /** The journal as it stands: each change with its final status (done, failed, pending). */
    public List<JournalEntry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, JournalEntry> byId = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JournalEntry entry = JSON.readValue(line, JournalEntry.class);
                JournalEntry known = byId.get(entry.id());
                byId.put(entry.id(), known == null ? entry : known.withStatus(entry.status()));
            }
        } catch (JsonProcessingException e) {
            throw KerbshellException.failure("the journal " + file + " has a damaged line (" + e.getOriginalMessage()
                    + "): fix or move the file");
        } catch (IOException e) {
            throw KerbshellException.failure("cannot read the journal " + file + ": " + e.getMessage());
        }
        return List.copyOf(byId.values());
    }

    public Path file() {
        return file;
    }

    static String server(DirectorySession session) {
        return session.settings().server() + ":" + session.settings().effectivePort()
                + (session.isLab() ? " (lab)" : "");
    }

    private static List<String> values(SearchResultEntry entry, String attribute, boolean binary) {
        if (entry == null || !entry.hasAttribute(attribute)) {
            return new ArrayList<>();
        }
        List<String> values = new ArrayList<>();
        if (binary) {
            for (byte[] value : entry.getAttributeValueByteArrays(attribute)) {
                values.add(Base64.getEncoder().encodeToString(value));
            }
        } else {
            values.addAll(List.of(entry.getAttributeValues(attribute)));
        }
        return values;
    }

    private synchronized void append(JournalEntry entry) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                // Who changed what, where: for the operator's eyes, like a shell history.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
    }

    private String nextId() {
        return commandId + "-" + sequence.incrementAndGet();
    }

    private static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
