package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.output.Json;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Scripted use against the Samba DC, as cron would run it: one command or a command file, secrets from the
 * environment, a protected file or a keytab, clean JSON on stdout and nothing on stderr.
 */
@Tag("samba")
class SambaScriptedUseTest {
    private static SambaTestBed bed;

    @TempDir
    Path home;

    @BeforeAll
    static void startBed() {
        bed = SambaTestBed.get();
    }

    @Test
    void statusJsonWithThePasswordFromTheEnvironment() throws Exception {
        KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.operatorPassword())
                .args(SambaLaunch.as(bed, bed.operatorUser()).then("status", "--json"));
        JsonNode status = single(run);
        assertEquals("corp.test", status.get("domain").asText());
        assertEquals("corp.test", status.get("forest").asText());
        assertFalse(status.get("lab").asBoolean());
        assertEquals("operator (user)", status.get("boundIdentity").asText());
    }

    @Test
    void resolveJsonWithThePasswordFromAFile() throws Exception {
        Path file = home.resolve("operator.pw");
        Files.writeString(file, bed.operatorPassword() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        KerbshellRun.Result run = KerbshellRun.in(home).args(SambaLaunch.as(bed, bed.operatorUser())
                .with("--password-file", file.toString()).then("resolve", "HV01", "--json"));
        JsonNode hv01 = single(run);
        assertEquals("HV01$", hv01.get("samAccountName").asText());
        assertEquals(bed.env("HV01_DN"), hv01.get("dn").asText());
        assertEquals("hv01.corp.test", hv01.get("dnsHostName").asText());
        assertEquals(true, hv01.get("computer").asBoolean());
    }

    @Test
    void aCommandFileRunsEveryLineInOneSessionOpenedWithAKeytab() throws Exception {
        Path password = home.resolve("alice.pw");
        Files.writeString(password, bed.alicePassword() + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path commands = home.resolve("nightly.ks");
        Files.writeString(commands, String.join("\n",
                "# the hosts, then who we are; then the same session moves to alice",
                "resolve HV01",
                "resolve hv02.corp.test",
                "",
                "status",
                "connect --server " + bed.dcIp() + " --domain corp.test --user alice --ca-file " + bed.caFile()
                        + " --password-file " + password,
                "status") + "\n");

        KerbshellRun.Result run = KerbshellRun.in(home).args(SambaLaunch.as(bed, bed.operatorUser())
                .with("--auth", "gssapi", "--keytab", bed.operatorKeytab().toString(), "--json", "--file",
                        commands.toString()).then());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stderr(), run::toString);
        List<String> lines = run.stdout().strip().lines().toList();
        assertEquals(5, lines.size(), "one JSON document per command: " + run);
        List<JsonNode> docs = lines.stream().map(SambaScriptedUseTest::parse).toList();
        assertEquals("HV01$", docs.get(0).get("samAccountName").asText());
        assertEquals("HV02$", docs.get(1).get("samAccountName").asText());
        assertEquals("operator (user)", docs.get(2).get("boundIdentity").asText());
        assertEquals("gssapi", docs.get(2).get("auth").asText());
        assertEquals("alice", docs.get(3).get("user").asText());
        assertEquals("alice (user)", docs.get(4).get("boundIdentity").asText(), "connect replaced the session");
        assertEquals("simple", docs.get(4).get("auth").asText());
    }

    private static JsonNode single(KerbshellRun.Result run) throws Exception {
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stderr(), run::toString);
        assertEquals(1, run.stdout().strip().lines().count(), "one JSON document on one line: " + run);
        return Json.mapper().readTree(run.stdout());
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
