package kerbshell.cli;

import com.unboundid.ldap.sdk.LDAPException;
import kerbshell.directory.Ad;
import kerbshell.directory.AuthMethod;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.directory.Timeouts;
import kerbshell.directory.TlsMode;
import kerbshell.error.KerbshellException;
import kerbshell.journal.Journal;
import kerbshell.journal.JournalEntry;
import kerbshell.journal.UndoService;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The journal under faults, against the real Samba DC: the DC stopped mid-write, its reply dropped by a proxy,
 * kerbshell killed mid-write, the disk full between the pending and done lines. Each test ends with a journal
 * that says what the DC holds — judged by reading the DC with {@code ldapsearch}, not with kerbshell — and an
 * undo that restores it.
 */
@Tag("samba")
class SambaJournalFaultTest {
    /** Short, so a lost answer is noticed in seconds; the DC answers these writes in milliseconds. */
    private static final long RESPONSE_TIMEOUT_MILLIS = 3_000;

    private static SambaTestBed bed;

    @TempDir
    Path home;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void bed() {
        bed = SambaTestBed.get();
    }

    @Test
    void aWriteWhileTheDcIsStoppedStaysPendingAndTheNextOpenReadsItBack() throws Exception {
        String spn = spn("stopped");
        Journal journal = new Journal(home.resolve("journal.jsonl"), Clock.systemUTC());
        Frozen[] frozen = new Frozen[1];
        try (DirectorySession session = open(bed.dcIp(), bed.ldapsPort(), RESPONSE_TIMEOUT_MILLIS)) {
            // The DC stops once the pending line is on disk, before the request leaves.
            session.observeWrites(new AfterPending(journal, () -> {
                assertTrue(journalText().contains("\"status\":\"pending\""), "the pending line is on disk first");
                frozen[0] = Frozen.stop(bed);
            }));
            journal.useFor(session);
            journal.startCommand("spn add HV01 " + spn, null);
            try {
                KerbshellException lost = assertThrows(KerbshellException.class, () -> session.apply(add(spn)));
                assertTrue(lost.getMessage().contains("keeps it pending"), lost.getMessage());
                assertEquals(JournalEntry.PENDING, journal.entries().get(0).status(), "not 'failed': nobody knows yet");
            } finally {
                if (frozen[0] != null) {
                    frozen[0].close();
                }
            }
        }
        assertTheNextProcessTellsTheTruthAndUndoes(spn);
    }

    @Test
    void aReplyDroppedByAProxyIsReadBackAtOnceAndUndoneThroughAnotherNameOfTheDc() throws Exception {
        String spn = spn("dropped");
        Journal journal = new Journal(home.resolve("journal.jsonl"), Clock.systemUTC());
        try (TcpRelay relay = TcpRelay.to(bed.dcIp(), bed.ldapsPort());
             // The relay's name is not in the DC's certificate (that is the point: another name for the same DC),
             // so this one session goes without the name check; the undo below checks it.
             DirectorySession session = open("127.0.0.1", relay.port(), RESPONSE_TIMEOUT_MILLIS, true)) {
            session.observeWrites(new AfterPending(journal, relay::dropRepliesOfOpenConnections));
            journal.useFor(session);
            journal.startCommand("spn add HV01 " + spn, null);
            session.apply(add(spn)); // the DC applied it; its answer never came: read back, it counts as made
        }
        assertEquals(JournalEntry.APPLIED_READ_BACK, journal.entries().get(0).status());
        assertTrue(spnsOnDc().contains(spn.toLowerCase(Locale.ROOT)), "ldapsearch: the DC holds it");

        // Through the DC's own address instead of the relay's: the same domain, another server name.
        try (DirectorySession direct = open(bed.dcIp(), bed.ldapsPort(), RESPONSE_TIMEOUT_MILLIS)) {
            direct.observeWrites(journal);
            new UndoService(direct, journal).undoLast();
        }
        assertFalse(spnsOnDc().contains(spn.toLowerCase(Locale.ROOT)), "ldapsearch: the undo took it back");
    }

    @Test
    void kerbshellKilledMidWriteIsResolvedByTheNextProcess() throws Exception {
        Path journalFile = home.resolve("kerbshell-home/journal.jsonl");
        String spn = null;
        for (int attempt = 1; attempt <= 4 && spn == null; attempt++) {
            String candidate = spn("killed" + attempt);
            if (killMidWrite(candidate, journalFile)) {
                spn = candidate;
            }
        }
        if (spn == null) {
            fail("in 4 attempts kerbshell always finished its write before it could be killed");
        }
        // The next kerbshell: it connects, reads the dead process's pending write back, and lists the journal.
        KerbshellRun.Result listed = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.adminPassword())
                .args(SambaLaunch.as(bed, bed.adminUser()).then("journal", "--json"));
        assertEquals(0, listed.exitCode(), listed.toString());
        boolean onDc = spnsOnDc().contains(spn.toLowerCase(Locale.ROOT));
        String expected = onDc ? JournalEntry.APPLIED_READ_BACK : JournalEntry.NOT_APPLIED;
        assertTrue(listed.stdout().contains("\"status\" : \"" + expected + "\"")
                || listed.stdout().contains("\"status\":\"" + expected + "\""), "DC holds it: " + onDc + "\n" + listed);

        KerbshellRun.Result undo = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.adminPassword())
                .args(SambaLaunch.as(bed, bed.adminUser()).then("undo", "--last"));
        if (onDc) {
            assertEquals(0, undo.exitCode(), undo.toString());
        } else {
            assertTrue(undo.stderr().contains("nothing to undo"), undo.toString());
        }
        assertFalse(spnsOnDc().contains(spn.toLowerCase(Locale.ROOT)), "ldapsearch: the DC is as before");
    }

    /**
     * Runs {@code spn add} in a kerbshell of its own and kills it (SIGKILL) the moment its pending line is on disk.
     * Returns false when the write finished first (the journal says done): nothing to prove then.
     */
    private boolean killMidWrite(String spn, Path journalFile) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "kerbshell.Kerbshell"));
        command.addAll(List.of(SambaLaunch.as(bed, bed.adminUser()).then("spn", "add", "HV01", spn)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(home.resolve("child.out").toFile())
                .redirectError(home.resolve("child.err").toFile());
        builder.environment().put("KERBSHELL_HOME", journalFile.getParent().toString());
        builder.environment().put("KERBSHELL_CONFIG", home.resolve("config/config.yaml").toString());
        builder.environment().put("KERBSHELL_PASSWORD", bed.adminPassword());
        Process child = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String needle = spn.toLowerCase(Locale.ROOT);
            while (System.nanoTime() < deadline && child.isAlive()) {
                if (Files.exists(journalFile) && Files.readString(journalFile).toLowerCase(Locale.ROOT).contains(needle)) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no last line
                    break;
                }
                Thread.onSpinWait();
            }
            child.waitFor(30, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }
        String text = Files.exists(journalFile) ? Files.readString(journalFile) : "";
        assertTrue(text.toLowerCase(Locale.ROOT).contains(spn.toLowerCase(Locale.ROOT)),
                "the child wrote its pending line: " + Files.readString(home.resolve("child.err")));
        long lines = text.lines().filter(l -> !l.isBlank()).count();
        String last = text.lines().reduce((a, b) -> b).orElse("");
        boolean stillPending = last.contains("\"status\":\"pending\"") && last.toLowerCase(Locale.ROOT).contains(
                spn.toLowerCase(Locale.ROOT));
        if (!stillPending && lines > 0) {
            // It finished: take its change back directly so the next attempt starts from the same DC.
            removeOnDc(spn);
        }
        return stillPending;
    }

    @Test
    void aFullDiskBetweenPendingAndDoneIsReadBackOnceThereIsRoomAndNoRoomMeansNotSent() throws Exception {
        Path mount = Files.createDirectories(home.resolve("tmpfs"));
        run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString());
        try {
            Journal journal = new Journal(mount.resolve("journal.jsonl"), Clock.systemUTC());
            Path filler = mount.resolve("filler");
            String unsent = spn("nospace");
            try (DirectorySession session = open(bed.dcIp(), bed.ldapsPort(), RESPONSE_TIMEOUT_MILLIS)) {
                session.observeWrites(journal);
                journal.useFor(session);

                // No room for the pending line: the write is not sent.
                fill(filler);
                journal.startCommand("spn add HV01 " + unsent, null);
                KerbshellException refused = assertThrows(KerbshellException.class, () -> session.apply(add(unsent)));
                assertTrue(refused.getMessage().contains("was not sent"), refused.getMessage());
                assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());
                assertFalse(spnsOnDc().contains(unsent.toLowerCase(Locale.ROOT)), "ldapsearch: nothing was sent");
                Files.delete(filler);

                // Room for the pending line, none for the done line.
                String spn = spn("full");
                session.observeWrites(new AfterPending(journal, () -> {
                    padToPageEnd(mount.resolve("journal.jsonl"));
                    fill(filler);
                }));
                journal.startCommand("spn add HV01 " + spn, null);
                KerbshellException unrecorded = assertThrows(KerbshellException.class, () -> session.apply(add(spn)));
                assertTrue(unrecorded.getMessage().contains("still says pending"), unrecorded.getMessage());
                assertTrue(spnsOnDc().contains(spn.toLowerCase(Locale.ROOT)), "ldapsearch: the DC holds it");
                assertEquals(JournalEntry.PENDING, last(journal).status());
                Files.delete(filler);
            }
            Journal next = new Journal(mount.resolve("journal.jsonl"), Clock.systemUTC());
            try (DirectorySession session = open(bed.dcIp(), bed.ldapsPort(), RESPONSE_TIMEOUT_MILLIS)) {
                session.observeWrites(next);
                next.useFor(session);
                assertEquals(1, next.resolvePending(session));
                assertEquals(JournalEntry.APPLIED_READ_BACK, last(next).status());
                new UndoService(session, next).undoLast();
            }
            assertFalse(spnsOnDc().stream().anyMatch(s -> s.contains(tag)), "ldapsearch: the undo took it back");
        } finally {
            run("umount", mount.toString());
        }
    }

    // ---- the next process, the DC as ldapsearch sees it, faults ------------------------------------------------

    /** A journal object of its own on the same file and a fresh session, as another kerbshell process would have. */
    private void assertTheNextProcessTellsTheTruthAndUndoes(String spn) throws Exception {
        Journal next = new Journal(home.resolve("journal.jsonl"), Clock.systemUTC());
        try (DirectorySession session = open(bed.dcIp(), bed.ldapsPort(), RESPONSE_TIMEOUT_MILLIS)) {
            session.observeWrites(next);
            next.useFor(session);
            next.resolvePending(session);
            boolean onDc = spnsOnDc().contains(spn.toLowerCase(Locale.ROOT));
            assertEquals(onDc ? JournalEntry.APPLIED_READ_BACK : JournalEntry.NOT_APPLIED, last(next).status(),
                    "the journal says what the DC holds (ldapsearch: " + (onDc ? "there" : "absent") + ")");
            if (onDc) {
                new UndoService(session, next).undoLast();
            } else {
                KerbshellException none = assertThrows(KerbshellException.class,
                        () -> new UndoService(session, next).undoLast());
                assertTrue(none.getMessage().contains("nothing to undo"), none.getMessage());
            }
        }
        assertFalse(spnsOnDc().contains(spn.toLowerCase(Locale.ROOT)), "ldapsearch: the DC is as before");
    }

    private static JournalEntry last(Journal journal) {
        List<JournalEntry> entries = journal.entries();
        return entries.get(entries.size() - 1);
    }

    private String journalText() {
        try {
            return Files.readString(home.resolve("journal.jsonl"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String spn(String what) {
        return "http/" + what + "-" + tag + "." + bed.domain();
    }

    private static LdapChange add(String spn) {
        return LdapChange.add(bed.env("HV01_DN"), Ad.SERVICE_PRINCIPAL_NAME, List.of(spn));
    }

    private static DirectorySession open(String server, int port, long responseTimeoutMillis) {
        return open(server, port, responseTimeoutMillis, false);
    }

    private static DirectorySession open(String server, int port, long responseTimeoutMillis, boolean insecureTls) {
        ConnectionSettings settings = new ConnectionSettings(server, port, bed.domain(), bed.adminUser(),
                AuthMethod.SIMPLE, TlsMode.LDAPS, insecureTls ? null : bed.caFile(), insecureTls, null, null,
                bed.dcIp() + ":" + bed.kdcPort(),
                Timeouts.parse(String.valueOf(Math.max(1, responseTimeoutMillis / 1000))), null, false);
        return new DirectoryConnector().open(settings, () -> bed.adminPassword().toCharArray());
    }

    /** HV01's SPNs, lower case, as {@code ldapsearch} reads them from the DC. */
    private static List<String> spnsOnDc() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-x",
                "-H", "ldaps://" + bed.dcIp() + ":" + bed.ldapsPort(), "-D", bed.adminDn(), "-w", bed.adminPassword(),
                "-b", bed.env("HV01_DN"), "-s", "base", Ad.SERVICE_PRINCIPAL_NAME).redirectErrorStream(true);
        builder.environment().put("LDAPTLS_CACERT", bed.caFile().toString());
        Process search = builder.start();
        String out = new String(search.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(search.waitFor(60, TimeUnit.SECONDS) && search.exitValue() == 0, "ldapsearch: " + out);
        return out.lines().filter(l -> l.startsWith("servicePrincipalName: "))
                .map(l -> l.substring("servicePrincipalName: ".length()).toLowerCase(Locale.ROOT)).toList();
    }

    private static void removeOnDc(String spn) throws Exception {
        try (DirectorySession session = open(bed.dcIp(), bed.ldapsPort(), 60_000)) {
            session.ldap().modify(bed.env("HV01_DN"), new com.unboundid.ldap.sdk.Modification(
                    com.unboundid.ldap.sdk.ModificationType.DELETE, Ad.SERVICE_PRINCIPAL_NAME, spn));
        } catch (LDAPException e) {
            if (e.getResultCode() != com.unboundid.ldap.sdk.ResultCode.NO_SUCH_ATTRIBUTE) {
                throw e;
            }
        }
    }

    /** Writes until the file system says it is full. */
    private static void fill(Path filler) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // ENOSPC: what the test wants
        }
    }

    /**
     * A blank line (the journal skips blank lines) up to the end of the file's last page: tmpfs gives files whole
     * pages, so only a line that needs a new page meets the full disk.
     */
    private static void padToPageEnd(Path journal) {
        try {
            long size = Files.size(journal);
            int pad = (int) (4096 - size % 4096);
            if (pad < 4096) {
                byte[] blank = new byte[pad];
                java.util.Arrays.fill(blank, (byte) ' ');
                blank[pad - 1] = '\n';
                Files.write(journal, blank, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0,
                String.join(" ", command) + ": " + out);
    }

    /**
     * The test bed's samba and its worker processes stopped with SIGSTOP (each by its pid) until {@link #close}
     * sends SIGCONT: the DC accepts TCP connections in the kernel and answers nothing.
     */
    static final class Frozen implements AutoCloseable {
        private final List<String> pids;

        private Frozen(List<String> pids) {
            this.pids = pids;
        }

        static Frozen stop(SambaTestBed bed) {
            long pid = Long.parseLong(bed.env("SAMBA_PID"));
            List<String> pids = new ArrayList<>();
            pids.add(String.valueOf(pid));
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(String.valueOf(d.pid()))));
            Frozen frozen = new Frozen(pids);
            frozen.signal("-STOP");
            return frozen;
        }

        private void signal(String signal) {
            List<String> command = new ArrayList<>(List.of("kill", signal));
            command.addAll(pids);
            try {
                new ProcessBuilder(command).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("kill " + signal + " " + pids + ": " + e, e);
            }
        }

        @Override
        public void close() {
            signal("-CONT");
        }
    }

    /** The journal, with something done to the world once the first pending line is on disk. */
    static final class AfterPending implements DirectorySession.WriteObserver {
        private final Journal journal;
        private Runnable fault;

        AfterPending(Journal journal, Runnable fault) {
            this.journal = journal;
            this.fault = fault;
        }

        @Override
        public List<String> beforeWrite(DirectorySession session, LdapChange change) throws LDAPException {
            List<String> ids = journal.beforeWrite(session, change);
            if (fault != null) {
                Runnable once = fault;
                fault = null;
                once.run();
            }
            return ids;
        }

        @Override
        public void afterWrite(List<String> records, boolean written) {
            journal.afterWrite(records, written);
        }

        @Override
        public boolean answerLost(DirectorySession session, List<String> records, LDAPException lost) {
            return journal.answerLost(session, records, lost);
        }
    }
}
