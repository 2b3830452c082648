package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.output.Json;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ticket s4u as an administrator runs it on a Linux box with HV01's keytab, against the Samba DC: refused before
 * delegate trust, issued after, refused after delegate untrust, with exit codes 1, 0, 1. The file ends by removing
 * what it set, and runs with --keep-going so that it does even when a check fails.
 */
@Tag("samba")
class SambaDelegateCliTest {
    @TempDir
    Path home;

    @Test
    void s4uFollowsTrustAndUntrust() throws Exception {
        SambaTestBed bed = SambaTestBed.get();
        String s4u = "ticket s4u --as HV01 --keytab " + bed.hv01Keytab() + " --user alice --to cifs/hv02." + bed.domain();
        Path file = home.resolve("s4u.ks");
        Files.writeString(file, String.join("\n", s4u, "delegate trust HV01 --to HV02 --services cifs", s4u,
                "delegate untrust HV01 --to HV02", s4u, "delegate untrust HV01 --all", ""));
        KerbshellRun.Result result = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.adminPassword())
                .args("--server", bed.dcIp(), "--domain", bed.domain(), "--user", bed.adminUser(), "--ca-file",
                        bed.caFile().toString(), "--json", "--keep-going", "--file", file.toString());
        assertEquals(1, result.exitCode(), result::toString);
        List<String> lines = result.stdout().strip().lines().toList();
        assertEquals(6, lines.size(), result::toString);
        JsonNode before = Json.mapper().readTree(lines.get(0));
        assertFalse(before.get("granted").asBoolean());
        assertEquals("S4U2Proxy", before.get("stage").asText(), "the KDC's own refusal of the non-forwardable ticket");
        assertFalse(before.get("evidenceForwardable").asBoolean(), lines.get(0));
        JsonNode granted = Json.mapper().readTree(lines.get(2));
        assertTrue(granted.get("granted").asBoolean(), lines.get(2));
        assertEquals("alice@" + bed.realm(), granted.at("/ticket/client").asText());
        JsonNode after = Json.mapper().readTree(lines.get(4));
        assertEquals(13, after.get("errorCode").asInt(), lines.get(4));
        assertTrue(result.stderr().contains(file + ":1: failed (exit 1)"), result::toString);
        assertFalse(result.stderr().contains(file + ":3: failed"), "issued: exit 0: " + result);
        assertTrue(result.stderr().contains(file + ":5: failed (exit 1)"), result::toString);
    }
}
