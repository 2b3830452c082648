package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.output.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** delegate and ticket s4u as scripts use them, on the lab: exit codes, --json, --dry-run, --yes. */
class DelegateCommandsTest {
    @TempDir
    Path home;

    private KerbshellRun.Result run(String... args) {
        return KerbshellRun.in(home).args(args);
    }

    private KerbshellRun.Result file(String text, String... options) throws Exception {
        Path file = home.resolve("delegate.ks");
        Files.writeString(file, text);
        String[] args = new String[options.length + 2];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = "--file";
        args[options.length + 1] = file.toString();
        return run(args);
    }

    @Test
    void dryRunPrintsTheExactModifyAndWritesNothing() throws Exception {
        KerbshellRun.Result result = file("""
                delegate trust HV01 --to HV02 --services cifs --dry-run
                delegate show HV01 --json
                """);
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("""
                dn: CN=HV01,CN=Computers,DC=lab,DC=test
                changetype: modify
                delete: userAccountControl
                userAccountControl: 4096
                -
                add: userAccountControl
                userAccountControl: 16781312
                -
                add: msDS-AllowedToDelegateTo
                msDS-AllowedToDelegateTo: cifs/HV02
                msDS-AllowedToDelegateTo: cifs/hv02.lab.test
                -"""), result::toString);
        String shown = result.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
        JsonNode show = Json.mapper().readTree(shown);
        assertEquals(0, show.get("constrainedTo").size(), "the dry run wrote nothing");
        assertFalse(show.get("protocolTransition").asBoolean());
    }

    @Test
    void pairShowUntrustAsJsonLines() throws Exception {
        KerbshellRun.Result result = file("""
                delegate pair HV01 HV02
                delegate show HV02
                delegate untrust HV02 --to HV01 --services migration
                delegate untrust HV01 --all
                """, "--json");
        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.stdout().strip().lines().toList();
        assertEquals(4, lines.size(), result::toString);
        JsonNode pair = Json.mapper().readTree(lines.get(0));
        assertEquals(2, pair.get("directions").size());
        assertEquals("ADDED", pair.at("/directions/0/targets/0/result").asText());
        assertEquals("delete", pair.at("/directions/0/change/steps/0/operation").asText());
        JsonNode show = Json.mapper().readTree(lines.get(1));
        assertTrue(show.get("protocolTransition").asBoolean());
        assertEquals(4, show.get("constrainedTo").size());
        assertEquals("HOST/hv01.lab.test", show.at("/constrainedTo/3/via").asText(), lines.get(1));
        JsonNode untrust = Json.mapper().readTree(lines.get(2));
        assertEquals(2, untrust.get("targets").size());
        assertEquals("REMOVED", untrust.at("/targets/0/result").asText());
        JsonNode all = Json.mapper().readTree(lines.get(3));
        assertFalse(all.at("/flags/0/after").asBoolean());
        assertEquals("", result.stderr(), "scripts get no notes on stderr");
    }

    @Test
    void anyServiceIsRefusedInScriptsWithoutYes() throws Exception {
        KerbshellRun.Result refused = run("delegate", "trust", "HV01", "--any-service");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertEquals("", refused.stdout());
        assertEquals(1, refused.stderr().strip().lines().count(), refused::toString);
        assertTrue(refused.stderr().startsWith("error: delegate trust HV01 --any-service needs confirmation")
                && refused.stderr().contains("--yes"), refused::toString);

        KerbshellRun.Result dry = run("delegate", "trust", "HV01", "--any-service", "--dry-run");
        assertEquals(0, dry.exitCode(), "a dry run writes nothing, so it needs no confirmation: " + dry);
        assertTrue(dry.stdout().contains("warning: unconstrained delegation"), dry::toString);
        assertTrue(dry.stdout().contains("userAccountControl: 528384"), dry::toString);

        KerbshellRun.Result confirmed = file("""
                delegate trust HV01 --any-service --yes
                delegate show HV01
                """);
        assertEquals(0, confirmed.exitCode(), confirmed::toString);
        assertTrue(confirmed.stdout().contains("TRUSTED_FOR_DELEGATION (unconstrained, 'trust for delegation to any "
                + "service'): off -> on"), confirmed::toString);
        assertTrue(confirmed.stdout().contains("unconstrained delegation:    YES"), confirmed::toString);

        KerbshellRun.Result user = run("delegate", "trust", "alice", "--any-service", "--yes");
        assertEquals(2, user.exitCode(), user::toString);
        assertTrue(user.stderr().contains("add --force"), user::toString);
    }

    @Test
    void auditExitsOneOnMediumFindingsAndPrintsOneJsonDocument() throws Exception {
        KerbshellRun.Result audit = run("delegate", "audit", "--json");
        assertEquals(1, audit.exitCode(), "Administrator is privileged and not sensitive: " + audit);
        assertEquals(1, audit.stdout().strip().lines().count());
        JsonNode report = Json.mapper().readTree(audit.stdout());
        assertEquals("DC1$", report.at("/domainControllers/0").asText());
        assertEquals("MEDIUM", report.at("/findings/0/severity").asText());
        assertEquals("privileged-delegable", report.at("/findings/0/kind").asText());
        assertFalse(report.at("/findings/0/fix").asText().isEmpty());
    }

    @Test
    void rbcdAllowRevokeOnTheLab() throws Exception {
        KerbshellRun.Result result = file("""
                delegate rbcd HV02 --allow HV01
                delegate show HV02 --json
                delegate rbcd HV02 --revoke HV01 --dry-run
                delegate rbcd HV02 --revoke HV01
                delegate rbcd HV02 --revoke HV01
                """);
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("HV01$ (S-1-5-21-3623811015-3361044348-30300820-1101) on HV02$: allowed"),
                result::toString);
        assertTrue(result.stdout().contains("msDS-AllowedToActOnBehalfOfOtherIdentity:: AQAEgBQAAAAAAAAAAAAAACQAAAAB"),
                "the dry run shows the binary values as LDIF base64: " + result);
        assertTrue(result.stdout().contains("HV02$: was not allowed"), result::toString);
    }

    @Test
    void misusedOptionsAreUsageErrors() {
        for (String[] args : List.of(new String[] {"delegate", "trust", "HV01"},
                new String[] {"delegate", "trust", "HV01", "--to", "HV02", "--any-service"},
                new String[] {"delegate", "trust", "HV01", "--to", "HV02", "--services", "ftp"},
                new String[] {"delegate", "untrust", "HV01"},
                new String[] {"delegate", "untrust", "HV01", "--all", "--to", "HV02"},
                new String[] {"delegate", "rbcd", "HV02"},
                new String[] {"delegate", "rbcd", "HV02", "--allow", "HV01", "--revoke", "HV01"})) {
            KerbshellRun.Result result = run(args);
            assertEquals(2, result.exitCode(), result::toString);
            assertEquals(1, result.stderr().strip().lines().count(), result::toString);
            assertFalse(result.stderr().contains("\tat "), result::toString);
        }
        KerbshellRun.Result unknown = run("delegate", "show", "HV99");
        assertEquals(1, unknown.exitCode(), unknown::toString);
    }

    @Test
    void s4uOnTheLabSaysWhyItCannot() {
        KerbshellRun.Result result = run("ticket", "s4u", "--as", "HV01", "--keytab", "/nonexistent", "--user",
                "alice", "--to", "cifs/hv02.lab.test");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("Apache Kerby) implements neither S4U2Self nor S4U2Proxy"),
                result::toString);
    }
}
