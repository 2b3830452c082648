package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.diagnosis.CodeCatalog;
import kerbshell.diagnosis.CodeEntry;
import kerbshell.output.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** explain in a real run: the rest of the line unquoted, --json, exit 1 for nothing known and 2 for no text. */
class ExplainCommandsTest {
    @TempDir
    Path home;

    @Test
    void anUnquotedPastedMessageIsExplained() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("explain", "Failed", "to", "authenticate", "the",
                "connection", "at", "the", "source", "host:", "The", "specified", "target", "is", "unknown", "or",
                "unreachable.", "(0x80090303)");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("SEC_E_TARGET_UNKNOWN (0x80090303)"), run::toString);
        assertTrue(run.stdout().contains("    spn hyperv DEST\n"), run::toString);
        assertEquals("", run.stderr(), run::toString);
    }

    @Test
    void jsonCarriesTheExplanationAndTheHosts() throws Exception {
        KerbshellRun.Result run = KerbshellRun.in(home).args("explain", "The Virtual Machine Management Service "
                + "failed to establish a connection for a Virtual Machine migration with host 'HV02': No credentials "
                + "are available in the security package (0x8009030E).", "--json");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.stdout().strip().lines().count(), "one JSON document on one line");
        JsonNode json = Json.mapper().readTree(run.stdout());
        assertEquals("HV02", json.get("destinationHost").asText());
        JsonNode code = json.get("codes").get(1);
        assertEquals("sec-e-no-credentials", code.get("id").asText());
        assertTrue(code.get("fix").get(0).asText().contains("`delegate trust SOURCE --to HV02`"), code.toString());
        assertEquals("check pair SOURCE HV02 --user USER", code.get("detectedBy").get(0).asText());
        assertEquals("S11", code.get("sources").get(0).get("id").asText());
        assertTrue(code.get("sources").get(0).get("address").asText().startsWith("https://learn.microsoft.com/"));
    }

    @Test
    void aNegativeDecimalFollowsDoubleDashOrAWord() {
        for (String[] args : List.of(new String[] {"explain", "--", "-2146893053"},
                new String[] {"explain", "HRESULT", "-2146893053"})) {
            KerbshellRun.Result run = KerbshellRun.in(home).args(args);
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.stdout().contains("SEC_E_TARGET_UNKNOWN"), run::toString);
        }
    }

    @Test
    void nothingKnownExitsOneWithOneLineAndNoTextExitsTwo() {
        KerbshellRun.Result unknown = KerbshellRun.in(home).args("explain", "the", "migration", "failed");
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertEquals("", unknown.stdout(), unknown::toString);
        assertEquals(1, unknown.stderr().strip().lines().count(), unknown::toString);
        assertTrue(unknown.stderr().startsWith("error: nothing kerbshell knows was found in 'the migration failed'; "
                + "explain takes an HRESULT"), unknown::toString);

        KerbshellRun.Result none = KerbshellRun.in(home).args("explain");
        assertEquals(2, none.exitCode(), none::toString);
    }

    /** Every kerbshell command line the catalog names, in detected_by or in a fix step, is a command that exists. */
    @Test
    void everyCommandTheCatalogNamesExists() {
        KerbshellRun.Result help = KerbshellRun.in(home).args("help");
        assertEquals(0, help.exitCode(), help::toString);
        List<String> lines = new ArrayList<>();
        Pattern quoted = Pattern.compile("`([^`]+)`");
        for (CodeEntry entry : CodeCatalog.shipped().entries()) {
            lines.addAll(entry.detectedBy());
            entry.fix().forEach(step -> {
                Matcher m = quoted.matcher(step);
                while (m.find()) {
                    lines.add(m.group(1));
                }
            });
        }
        List<String> groups = List.of("check", "spn", "delegate", "ticket", "account", "group", "status", "resolve",
                "explain");
        int checked = 0;
        for (String line : lines) {
            String[] words = line.split(" ");
            if (!groups.contains(words[0])) {
                continue;
            }
            String command = words.length > 1 && !words[0].equals("status") && !words[0].equals("resolve")
                    && !words[0].equals("explain") ? words[0] + " " + words[1] : words[0];
            assertTrue(help.stdout().lines().anyMatch(l -> l.equals("  " + command) || l.startsWith("  " + command + " ")),
                    "no command '" + command + "' for '" + line + "'");
            checked++;
        }
        assertTrue(checked > 50, "checked " + checked);
        assertFalse(help.stdout().isBlank());
    }
}
