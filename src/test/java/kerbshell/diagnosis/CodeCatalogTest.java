package kerbshell.diagnosis;

import kerbshell.error.KerbshellException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped data file is complete and documented, and a malformed entry is rejected naming entry and field. */
class CodeCatalogTest {
    private static final String VALID_ENTRY = """
              - id: sample
                title: "SAMPLE (0x80091234): a sample"
                match:
                  hex: ["0x80091234"]
                meaning: A sample.
                causes: ["one"]
                fix: ["two"]
                detected_by: []
                sources: [S1]
            """;

    @Test
    void everyShippedEntryHasEveryFieldAndCitesKnownSources() {
        CodeCatalog catalog = CodeCatalog.shipped();
        assertTrue(catalog.entries().size() >= 25, "entries: " + catalog.entries().size());
        for (CodeEntry e : catalog.entries()) {
            String id = e.id();
            assertFalse(e.title().isBlank(), id);
            assertFalse(e.meaning().isBlank(), id);
            assertFalse(e.causes().isEmpty(), id + " causes");
            assertFalse(e.fix().isEmpty(), id + " fix");
            assertTrue(e.detectedBy() != null, id + " detected_by");
            assertEquals(e.documented(), !e.sources().isEmpty(), id + " sources");
            e.sources().forEach(s -> assertTrue(catalog.sources().containsKey(s), id + " cites unknown " + s));
            CodeEntry.Match m = e.match();
            assertFalse(m.hex().isEmpty() && m.win32().isEmpty() && m.kerberos().isEmpty() && m.events().isEmpty()
                    && m.names().isEmpty() && m.phrases().isEmpty(), id + " has no form");
        }
    }

    @Test
    void onlyTheUndefinedEventIsUndocumented() {
        List<String> undocumented = CodeCatalog.shipped().entries().stream().filter(e -> !e.documented())
                .map(CodeEntry::id).toList();
        assertEquals(List.of("vmms-16000"), undocumented);
    }

    @Test
    void docsListEveryEntryAndEverySourceWithItsTitle() throws Exception {
        String docs = Files.readString(Path.of("docs/explain.md"));
        CodeCatalog catalog = CodeCatalog.shipped();
        for (CodeEntry e : catalog.entries()) {
            assertTrue(docs.contains("`" + e.id() + "`"), "docs/explain.md does not list entry " + e.id());
        }
        Set<String> cited = new TreeSet<>();
        catalog.entries().forEach(e -> cited.addAll(e.sources()));
        for (String id : cited) {
            CodeEntry.Source source = catalog.sources().get(id);
            assertTrue(docs.contains("**" + id + "**"), "docs/explain.md does not list source " + id);
            assertTrue(docs.contains(source.title()), "docs/explain.md does not give the title of " + id);
            if (source.address() != null) {
                assertTrue(docs.contains(source.address()), "docs/explain.md does not give the address of " + id);
            }
        }
        assertEquals(cited, new TreeSet<>(catalog.sources().keySet()), "every source in the file is cited");
    }

    @Test
    void coversTheCodesOfTheIssue() {
        CodeCatalog catalog = CodeCatalog.shipped();
        for (long hex : new long[] {0x80090303L, 0x8009030EL, 0x8009030CL, 0x8009030DL, 0x80090322L, 0x80090311L,
                0x80090324L, 0x8007274DL, 0x8007274CL, 0x80072746L, 0x80070569L, 0x21C7}) {
            assertTrue(catalog.status(hex).isPresent(), Long.toHexString(hex));
        }
        for (int event : new int[] {20306, 21502, 21024, 14050, 16000, 11, 4, 2974}) {
            assertFalse(catalog.event(event).isEmpty(), "event " + event);
        }
        for (int kerberos : new int[] {6, 7, 12, 13, 14, 18, 24, 31, 37, 41}) {
            assertTrue(catalog.kerberos(kerberos).isPresent(), "Kerberos error " + kerberos);
        }
        for (String name : List.of("KDC_ERR_S_PRINCIPAL_UNKNOWN", "KDC_ERR_BADOPTION", "KDC_ERR_POLICY",
                "KDC_ERR_ETYPE_NOSUPP", "KDC_ERR_ETYPE_NOTSUPP", "KRB_AP_ERR_SKEW", "KDC_ERR_PREAUTH_FAILED",
                "KDC_ERR_CLIENT_REVOKED", "KDC_ERR_C_PRINCIPAL_UNKNOWN", "KRB_AP_ERR_BAD_INTEGRITY",
                "KRB_AP_ERR_MODIFIED")) {
            assertTrue(catalog.name(name).isPresent(), name);
        }
    }

    @Test
    void aValidMinimalFileLoads() {
        CodeCatalog catalog = CodeCatalog.parse(file(VALID_ENTRY), "test.yaml");
        assertEquals("sample", catalog.entries().get(0).id());
        assertEquals(List.of(), catalog.entries().get(0).detectedBy());
    }

    @Test
    void malformedEntriesAreRejectedNamingEntryAndField() {
        assertRejected(VALID_ENTRY.replace("    causes: [\"one\"]\n", ""), "entry 'sample' field 'causes': missing");
        assertRejected(VALID_ENTRY.replace("causes: [\"one\"]", "causes: []"),
                "entry 'sample' field 'causes': needs at least one item");
        assertRejected(VALID_ENTRY.replace("    detected_by: []\n", ""), "entry 'sample' field 'detected_by': missing");
        assertRejected(VALID_ENTRY.replace("sources: [S1]", "sources: [S99]"),
                "entry 'sample' field 'sources': 'S99' is not among the file's sources");
        assertRejected(VALID_ENTRY.replace("sources: [S1]", "sources: []"), "entry 'sample' field 'sources'");
        assertRejected(VALID_ENTRY.replace("0x80091234\"]", "0x8009123\"]"),
                "entry 'sample' field 'hex': '0x8009123' is not 0x and 8 hex digits");
        assertRejected(VALID_ENTRY.replace("0x80091234\"]", "0x000021C7\"]"),
                "entry 'sample' field 'hex': '0x000021C7' is a Win32 error number: put it in win32");
        assertRejected(VALID_ENTRY.replace("meaning: A sample.", "meening: A sample."),
                "entry 'sample': unknown field 'meening'");
        assertRejected(VALID_ENTRY.replace("title: \"SAMPLE (0x80091234): a sample\"", "title: \"\""),
                "entry 'sample' field 'title': must be a non-empty text");
        assertRejected(VALID_ENTRY.replace("      hex: [\"0x80091234\"]", "      events: [{id: x, log: L}]"),
                "entry 'sample' field 'events': an event id is a number");
        assertRejected(VALID_ENTRY.replace("      hex: [\"0x80091234\"]", "      names: [lower_case]"),
                "entry 'sample' field 'names': 'lower_case' is not an upper case symbolic name");
        assertRejected(VALID_ENTRY.replace("  - id: sample", "  - id: Sample Entry"), "entry 'Sample Entry' field 'id'");
        assertRejected(VALID_ENTRY.replace("  - id: sample", "  - title2: x"), "entry 1 field 'id'");
        assertRejected(VALID_ENTRY + VALID_ENTRY.replace("sample", "second"),
                "entry 'second' field 'match': 0x80091234 already finds entry 'sample'");
        assertRejected(VALID_ENTRY + VALID_ENTRY.replace("0x80091234", "0x80095678"),
                "entry 'sample' field 'id': another entry has the same id");
        assertRejected(VALID_ENTRY.replace("      hex: [\"0x80091234\"]\n", "      hex: []\n"),
                "entry 'sample' field 'match': lists no form");
        assertRejected(VALID_ENTRY.replace("      hex: [\"0x80091234\"]", "      win32: [70000]"),
                "entry 'sample' field 'win32': '70000' is not a number from 1 to 65535");
    }

    @Test
    void aWin32CodeAndItsHresultAreOneForm() {
        String both = VALID_ENTRY.replace("      hex: [\"0x80091234\"]", "      hex: [\"0x8007274D\"]")
                + VALID_ENTRY.replace("sample", "second").replace("      hex: [\"0x80091234\"]", "      win32: [10061]");
        assertRejected(both, "entry 'second' field 'match': Win32 error 10061 already finds entry 'sample'");
    }

    @Test
    void aPhraseInsideAnotherEntrysPhraseIsRejected() {
        String nested = VALID_ENTRY.replace("      hex: [\"0x80091234\"]", "      phrases: [\"the logon attempt failed\"]")
                + VALID_ENTRY.replace("sample", "second").replace("      hex: [\"0x80091234\"]",
                "      phrases: [\"the logon attempt failed badly\"]");
        assertRejected(nested, "entry 'sample' field 'phrases': 'the logon attempt failed' is part of a phrase of "
                + "entry 'second'");
    }

    @Test
    void anUndocumentedEntryCitesNothing() {
        assertRejected(VALID_ENTRY.replace("    sources: [S1]", "    documented: false\n    sources: [S1]"),
                "an entry with documented: false cites no source");
        CodeCatalog catalog = CodeCatalog.parse(file(VALID_ENTRY.replace("    sources: [S1]",
                "    documented: false\n    sources: []")), "test.yaml");
        assertFalse(catalog.entries().get(0).documented());
    }

    @Test
    void notYamlIsRejectedWithItsLine() {
        KerbshellException e = assertThrows(KerbshellException.class,
                () -> CodeCatalog.parse("sources: [\n  - x: {", "broken.yaml"));
        assertTrue(e.getMessage().startsWith("broken.yaml line "), e.getMessage());
    }

    private static void assertRejected(String entries, String expected) {
        KerbshellException e = assertThrows(KerbshellException.class,
                () -> CodeCatalog.parse(file(entries), "test.yaml"));
        assertTrue(e.getMessage().startsWith("test.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static String file(String entries) {
        return "sources:\n  S1:\n    title: A source\n    address: https://example.org/s1\ncodes:\n" + entries;
    }
}
