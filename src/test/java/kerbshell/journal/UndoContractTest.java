package kerbshell.journal;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.spn.SpnService;
import kerbshell.spn.SpnTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal records every write, and undo takes changes back exactly or refuses: lab and Samba alike. */
abstract class UndoContractTest {
    protected static SpnTarget target;

    @TempDir
    Path home;

    private Journal journal;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void journalOnTheSession() {
        journal = new Journal(home.resolve("journal.jsonl"), Clock.systemUTC());
        target.admin().observeWrites(journal);
        journal.useFor(target.admin());
    }

    /** A failed test must not leave its SPNs behind for the other test classes sharing the directory. */
    @AfterEach
    void removeTestSpns() {
        SpnService spns = new SpnService(target.admin());
        for (String host : List.of("HV01", "HV02")) {
            List<String> mine = spns.list(host).byServiceClass().getOrDefault("http", List.of()).stream()
                    .filter(s -> s.contains(tag)).toList();
            if (!mine.isEmpty()) {
                spns.remove(host, mine, false);
            }
        }
    }

    @AfterAll
    static void close() {
        target.admin().observeWrites(DirectorySession.WriteObserver.NONE);
        target.close();
    }

    private String spn(String name) {
        return "http/" + name + "-" + tag + "." + target.domain();
    }

    @Test
    void undoingARunLeavesTheAffectedEntriesAsTheyWere() {
        Map<String, List<String>> before = snapshot("HV01", "HV02");
        SpnService spns = new SpnService(target.admin());
        journal.startCommand("spn add HV01 ...", "run-" + tag);
        spns.add("HV01", List.of(spn("a"), spn("b")), false);
        journal.startCommand("spn add HV02 ...", "run-" + tag);
        spns.add("HV02", List.of(spn("c")), false);
        journal.startCommand("spn remove HV01 ...", "run-" + tag);
        spns.remove("HV01", List.of(spn("a")), false);
        assertTrue(journal.entries().stream().allMatch(e -> "done".equals(e.status())));
        assertEquals(3, journal.entries().size());

        UndoReport undone = new UndoService(target.admin(), journal).undoRun("run-" + tag);
        assertEquals(3, undone.restored().size());
        assertEquals(before, snapshot("HV01", "HV02"), "the affected entries are as before the run");
        KerbshellException again = assertThrows(KerbshellException.class,
                () -> new UndoService(target.admin(), journal).undoRun("run-" + tag));
        assertTrue(again.getMessage().contains("no changes of recipe run"), again.getMessage());
    }

    @Test
    void anUnrelatedValueAddedSinceDoesNotBlockUndoingAnAdd() throws Exception {
        SpnService spns = new SpnService(target.admin());
        journal.startCommand("spn add HV02 " + spn("x"), null);
        spns.add("HV02", List.of(spn("x")), false);
        String dn = spns.list("HV02").dn();
        target.admin().ldap().modify(dn, new Modification(ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, spn("y")));

        UndoReport undone = new UndoService(target.admin(), journal).undoLast();
        assertEquals(List.of(spn("x")), undone.restored().get(0).removed());
        List<String> http = spns.list("HV02").byServiceClass().getOrDefault("http", List.of());
        assertTrue(!http.contains(spn("x")) && http.contains(spn("y")), "the undo took back x and left y: " + http);
    }

    @Test
    void aChangeToTheSameValueSinceBlocksTheUndoAndIsNamed() throws Exception {
        SpnService spns = new SpnService(target.admin());
        journal.startCommand("spn add HV02 " + spn("x") + " " + spn("z"), null);
        spns.add("HV02", List.of(spn("x"), spn("z")), false);
        String dn = spns.list("HV02").dn();
        target.admin().ldap().modify(dn, new Modification(ModificationType.DELETE, Ad.SERVICE_PRINCIPAL_NAME, spn("x")));
        try {
            KerbshellException refused = assertThrows(KerbshellException.class,
                    () -> new UndoService(target.admin(), journal).undoLast());
            assertTrue(refused.getMessage().contains("servicePrincipalName of " + dn + " was changed since: the change "
                    + "added '" + spn("x") + "', which the directory no longer holds"), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("nothing was undone"), refused.getMessage());
            assertTrue(spns.list("HV02").byServiceClass().get("http").contains(spn("z")), "nothing was undone");
        } finally {
            spns.remove("HV02", List.of(spn("z")), false);
        }
    }

    @Test
    void aRemovedValuePutBackSinceBlocksUndoingTheRemoval() throws Exception {
        SpnService spns = new SpnService(target.admin());
        spns.add("HV02", List.of(spn("r")), false);
        journal.startCommand("spn remove HV02 " + spn("r"), null);
        spns.remove("HV02", List.of(spn("r")), false);
        String dn = spns.list("HV02").dn();
        target.admin().ldap().modify(dn, new Modification(ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, spn("r")));
        KerbshellException refused = assertThrows(KerbshellException.class,
                () -> new UndoService(target.admin(), journal).undoLast());
        assertTrue(refused.getMessage().contains("the change removed '" + spn("r")
                + "', which the directory holds again"), refused.getMessage());
    }

    @Test
    void aFailedWriteIsJournaledAsFailedAndNeverUndone() {
        SpnService spns = new SpnService(target.admin());
        journal.startCommand("spn add HV01 HOST/hv02 (refused by the DC)", null);
        String dn = spns.list("HV01").dn();
        assertThrows(Exception.class, () -> target.admin().apply(kerbshell.directory.LdapChange.add(dn,
                Ad.SERVICE_PRINCIPAL_NAME, List.of("HOST/hv02." + target.domain()))));
        assertEquals(JournalEntry.FAILED, journal.entries().get(0).status());
        assertThrows(KerbshellException.class, () -> new UndoService(target.admin(), journal).undoLast());
    }

    /** Stamps a DC moves on every write, whoever makes it: not part of what an undo restores. */
    private static final java.util.Set<String> DC_STAMPS = java.util.Set.of("whenchanged", "usnchanged");

    /**
     * Each entry's attributes, value bytes included, with their values sorted: LDAP values are a set, their order
     * carries nothing.
     */
    private Map<String, List<String>> snapshot(String... hosts) {
        Map<String, List<String>> all = new TreeMap<>();
        for (String host : hosts) {
            try {
                SearchResultEntry entry = target.admin().ldap().getEntry(new SpnService(target.admin()).list(host).dn());
                entry.getAttributes().stream().filter(a -> !DC_STAMPS.contains(a.getName().toLowerCase()))
                        .forEach(a -> all.put(host + "/" + a.getName().toLowerCase(), Arrays.stream(
                                a.getValueByteArrays()).map(java.util.HexFormat.of()::formatHex).sorted().toList()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return all;
    }
}
