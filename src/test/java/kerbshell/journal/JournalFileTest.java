package kerbshell.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journal cut short mid-line (killed process, full disk) is still read, and the fragment is kept aside. */
class JournalFileTest {
    @TempDir
    Path dir;

    private static final String PENDING = "{\"id\":\"a-1\",\"time\":\"2026-01-01T00:00:00Z\",\"operator\":\"admin\","
            + "\"server\":\"dc1:636\",\"domain\":\"DC=corp,DC=test\",\"dn\":\"CN=HV01,DC=corp,DC=test\","
            + "\"attribute\":\"servicePrincipalName\",\"before\":[],\"after\":[\"http/x\"],\"binary\":false,"
            + "\"command\":\"spn add HV01 http/x\",\"commandId\":\"a\",\"status\":\"pending\"}";

    @Test
    void aTornLastLineIsSetAsideAndTheRestIsRead() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, PENDING + "\n{\"id\":\"a-1\",\"time\":\"2026-01-01T00:00:01Z\",\"sta",
                StandardCharsets.UTF_8);
        Journal journal = new Journal(file, Clock.systemUTC());

        Journal.Contents contents = journal.read();
        assertEquals(1, contents.entries().size());
        assertEquals(JournalEntry.PENDING, contents.entries().get(0).status());
        assertEquals(1, contents.damagedLines());
        assertEquals(PENDING + "\n", Files.readString(file), "the fragment is cut off the journal");
        assertTrue(Files.readString(contents.sideFile()).contains("\"sta"), "and kept in the side file");
        assertEquals(0, journal.read().damagedLines(), "set aside once");
    }

    @Test
    void theNextLineNeverMergesWithAFragment() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, PENDING + "\n{\"id\":\"torn", StandardCharsets.UTF_8);
        JournalFile journal = new JournalFile(file);
        journal.append("{\"id\":\"a-1\",\"time\":\"2026-01-01T00:00:02Z\",\"status\":\"done\"}");

        List<JournalEntry> entries = new Journal(file, Clock.systemUTC()).entries();
        assertEquals(1, entries.size());
        assertEquals(JournalEntry.DONE, entries.get(0).status());
        assertTrue(Files.readString(file).endsWith("\"done\"}\n"));
    }

    @Test
    void aDamagedLineInTheMiddleDoesNotStopTheRest() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "{\"id\":\"x-1\",\"ti\n" + PENDING + "\n", StandardCharsets.UTF_8);
        Files.writeString(file, "{\"id\":\"a-1\",\"time\":\"2026-01-01T00:00:02Z\",\"status\":\"failed\"}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Journal.Contents contents = new Journal(file, Clock.systemUTC()).read();
        assertEquals(1, contents.damagedLines());
        assertEquals(JournalEntry.FAILED, contents.entries().get(0).status());
    }

    @Test
    void readBackJudgesByTheValuesTheChangeAddedAndRemoved() {
        JournalEntry entry = new JournalEntry("a-1", Instant.EPOCH, "admin", "dc1:636", "DC=corp,DC=test", null, 1L,
                "CN=HV01,DC=corp,DC=test", "servicePrincipalName", List.of("HOST/hv01", "old/x"),
                List.of("HOST/hv01", "http/x"), false, "c", "a", null, null, JournalEntry.PENDING);
        assertEquals(List.of("http/x"), entry.added());
        assertEquals(List.of("old/x"), entry.removed());
        assertEquals(JournalEntry.APPLIED_READ_BACK, Journal.judge(entry, spns("HOST/hv01", "HTTP/X", "other/y")));
        assertEquals(JournalEntry.NOT_APPLIED, Journal.judge(entry, spns("HOST/hv01", "old/x")));
        assertEquals(JournalEntry.UNDETERMINED, Journal.judge(entry, spns("HOST/hv01")));
        assertEquals(JournalEntry.UNDETERMINED, Journal.judge(entry, null));
    }

    private static com.unboundid.ldap.sdk.SearchResultEntry spns(String... values) {
        return new com.unboundid.ldap.sdk.SearchResultEntry("CN=HV01,DC=corp,DC=test",
                new com.unboundid.ldap.sdk.Attribute[]{new com.unboundid.ldap.sdk.Attribute("servicePrincipalName",
                        values)});
    }
}
