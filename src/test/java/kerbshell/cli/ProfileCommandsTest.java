package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.output.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** profile show and delete on the profiles of a config.yaml (corp and branch). */
class ProfileCommandsTest {
    @TempDir
    Path home;
    private Path config;

    @BeforeEach
    void profiles() throws Exception {
        config = CompletionScriptsTest.writeUserFiles(home);
    }

    @Test
    void showPrintsTheSettingsAsConfigYamlSpellsThem() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("profile", "show", "corp");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("profile corp (" + config + ")\n  server: dc1.corp.example\n  domain: corp.example\n",
                run.stdout());
    }

    @Test
    void showAsJson() throws Exception {
        KerbshellRun.Result run = KerbshellRun.in(home).args("--json", "profile", "show", "branch");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode shown = Json.mapper().readTree(run.stdout());
        assertEquals("branch", shown.get("name").asText());
        assertEquals("dc7.branch.example", shown.at("/settings/server").asText());
    }

    @Test
    void deleteRemovesOneProfileAndKeepsTheOthers() throws Exception {
        KerbshellRun.Result run = KerbshellRun.in(home).args("profile", "delete", "branch");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("deleted profile 'branch' from " + config + "\n", run.stdout());
        String left = Files.readString(config);
        assertFalse(left.contains("branch"), left);
        assertTrue(left.contains("dc1.corp.example"), left);
    }

    @Test
    void anUnknownProfileIsOneUsageLineAndChangesNothing() throws Exception {
        String before = Files.readString(config);
        for (String verb : new String[] {"show", "delete"}) {
            KerbshellRun.Result run = KerbshellRun.in(home).args("profile", verb, "nope");
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("error: no profile named 'nope' in " + config + ": 'profile list' shows the saved ones\n",
                    run.stderr());
        }
        assertEquals(before, Files.readString(config));
    }
}
