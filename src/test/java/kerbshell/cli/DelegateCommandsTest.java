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

    /**
     * Ghost delegation targets, as a deleted host leaves them (planted: written with no check): check host names
     * them with the command that removes exactly those entries; the fix plan runs it, the finding is gone and the
     * other entries stay; undo brings them back, and check host finds them again.
     */
    @Test
    void aGhostDelegationTargetIsRemovedByTheFixPlanAndUndoBringsItBack() throws Exception {
        Path plan = home.resolve("ghost-fix.yaml");
        List<JsonNode> lines = jsonLines(file("""
                delegate trust HV01 --to HV02 --services migration
                lab plant delegation-target cifs/ghost.lab.test --on HV01
                lab plant delegation-target "Hyper-V Replica Service/GHOST" --on HV01
                check host HV01 --fix-plan %s
                recipe run %s --yes
                check host HV01
                delegate show HV01
                undo --run last
                check host HV01
                delegate show HV01
                """.formatted(plan, plan), "--json", "--keep-going"));
        List<JsonNode> checks = lines.stream().filter(n -> n.has("subject")).toList();
        List<JsonNode> shows = lines.stream().filter(n -> n.has("constrainedTo")).toList();
        assertEquals(4, checks.size(), "three, and the recipe's verify step: " + lines);
        String fix = "delegate untrust HV01 --spn \"cifs/ghost.lab.test\" \"Hyper-V Replica Service/GHOST\"";
        assertEquals(List.of(fix), ghostFixes(checks.get(0)), checks.get(0)::toString);
        assertTrue(Files.readString(plan).contains("delegate untrust HV01 --spn"), Files.readString(plan));
        assertEquals(List.of(), ghostFixes(checks.get(2)), "the plan removed the ghost targets: " + checks.get(2));
        assertEquals(List.of("Microsoft Virtual System Migration Service/HV02",
                "Microsoft Virtual System Migration Service/hv02.lab.test"), targets(shows.get(0)),
                "exactly the ghost entries went, the others stay");
        assertEquals(List.of(fix), ghostFixes(checks.get(3)), "undo brought them back: " + checks.get(3));
        assertEquals(4, targets(shows.get(1)).size(), shows.get(1)::toString);
    }

    /**
     * A target no account holds whose host still has an account (HV09 lost its HOST/ SPNs): the fix registers them
     * on HV09 again instead of removing the delegation, and afterwards the KDC finds the targets through HOST/.
     */
    @Test
    void aTargetItsHostLostIsRegisteredAgainNotRemoved() throws Exception {
        Path plan = home.resolve("lost-fix.yaml");
        List<JsonNode> lines = jsonLines(file("""
                lab plant computer HV09
                delegate trust HV01 --to HV09 --services cifs
                spn remove HV09 HOST/HV09 HOST/hv09.lab.test
                check host HV01 --fix-plan %s
                recipe run %s --yes
                check host HV01
                delegate show HV01
                """.formatted(plan, plan), "--json", "--keep-going"));
        List<JsonNode> checks = lines.stream().filter(n -> n.has("subject")).toList();
        assertEquals(List.of("spn add HV09 \"HOST/HV09\"", "spn add HV09 \"HOST/hv09.lab.test\""),
                ghostFixes(checks.get(0)), checks.get(0)::toString);
        assertEquals(List.of(), ghostFixes(checks.get(checks.size() - 1)), lines::toString);
        JsonNode show = lines.stream().filter(n -> n.has("constrainedTo")).findFirst().orElseThrow();
        assertEquals(List.of("cifs/HV09", "cifs/hv09.lab.test"), targets(show), "the delegation stays");
        assertEquals("HOST/hv09.lab.test", show.at("/constrainedTo/1/via").asText(), show::toString);
    }

    private static List<JsonNode> jsonLines(KerbshellRun.Result result) throws Exception {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : result.stdout().strip().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(Json.mapper().readTree(line));
            }
        }
        return lines;
    }

    @Test
    void untrustSpnMatchesTheStoredValueWithoutRegardToCaseAndShowsItsChange() throws Exception {
        KerbshellRun.Result result = file("""
                delegate trust HV01 --to HV02 --services cifs
                delegate untrust HV01 --spn "CIFS/HV02" --dry-run --as ldif
                delegate untrust HV01 --spn "CIFS/HV02" --dry-run
                """);
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("""
                dn: CN=HV01,CN=Computers,DC=lab,DC=test
                changetype: modify
                delete: msDS-AllowedToDelegateTo
                msDS-AllowedToDelegateTo: cifs/HV02
                -"""), "the value as stored, as LDIF: " + result);
        assertTrue(result.stdout().contains("Set-ADComputer"), "PowerShell by default: " + result);
    }

    @Test
    void untrustSpnRefusesMisuseAndDomainControllers() throws Exception {
        KerbshellRun.Result dc = run("delegate", "untrust", "DC1", "--spn", "cifs/gone.lab.test");
        assertEquals(2, dc.exitCode(), dc::toString);
        assertTrue(dc.stderr().contains("DC1$ is a domain controller") && dc.stderr().contains("--allow-dc"),
                dc::toString);
        // Every form of untrust leaves a DC's delegation (unconstrained by design) alone without --allow-dc.
        for (String[] args : List.of(new String[] {"delegate", "untrust", "DC1", "--any-service"},
                new String[] {"delegate", "untrust", "DC1", "--all", "--dry-run"},
                new String[] {"delegate", "untrust", "DC1", "--to", "HV01"})) {
            KerbshellRun.Result refused = run(args);
            assertEquals(2, refused.exitCode(), refused::toString);
            assertTrue(refused.stderr().contains("DC1$ is a domain controller"), refused::toString);
        }
        // Nor does trust delegate from or to one without it.
        for (String[] args : List.of(new String[] {"delegate", "trust", "HV01", "--to", "DC1", "--dry-run"},
                new String[] {"delegate", "trust", "DC1", "--to", "HV01", "--dry-run"})) {
            KerbshellRun.Result refused = run(args);
            assertEquals(2, refused.exitCode(), refused::toString);
            assertTrue(refused.stderr().contains("DC1$ is a domain controller")
                    && refused.stderr().contains("--allow-dc"), refused::toString);
        }
        KerbshellRun.Result toDc = run("delegate", "trust", "HV01", "--to", "DC1", "--allow-dc", "--dry-run");
        assertEquals(0, toDc.exitCode(), toDc::toString);
        KerbshellRun.Result asked = run("delegate", "untrust", "DC1", "--any-service", "--allow-dc", "--dry-run",
                "--json");
        assertEquals(0, asked.exitCode(), asked::toString);
        assertTrue(asked.stdout().contains("userAccountControl"), "the planned flag change: " + asked);
        for (String[] args : List.of(new String[] {"delegate", "untrust", "HV01", "--spn", "cifs/x.lab.test", "--all"},
                new String[] {"delegate", "untrust", "HV01", "--spn", "not an spn"})) {
            KerbshellRun.Result result = run(args);
            assertEquals(2, result.exitCode(), result::toString);
            assertEquals(1, result.stderr().strip().lines().count(), result::toString);
        }
        KerbshellRun.Result absent = run("delegate", "untrust", "HV01", "--spn", "cifs/gone.lab.test", "--json");
        assertEquals(0, absent.exitCode(), absent::toString);
        JsonNode report = Json.mapper().readTree(absent.stdout());
        assertEquals("NOT_PRESENT", report.at("/targets/0/result").asText(), absent.stdout());
        assertTrue(!report.has("change") || report.get("change").isNull(), "nothing to write: " + absent.stdout());
        assertTrue(report.at("/warnings/0").asText().startsWith("HV01$ does not delegate to cifs/gone.lab.test"),
                absent.stdout());
    }

    private static List<String> ghostFixes(JsonNode check) {
        List<String> fixes = new java.util.ArrayList<>();
        for (JsonNode section : check.get("sections")) {
            for (JsonNode finding : section.get("findings")) {
                if (finding.get("rule").asText().equals("delegation-to-missing-spn")) {
                    finding.get("fix").forEach(f -> fixes.add(f.asText()));
                }
            }
        }
        return fixes;
    }

    private static List<String> targets(JsonNode show) {
        List<String> spns = new java.util.ArrayList<>();
        show.get("constrainedTo").forEach(t -> spns.add(t.get("spn").asText()));
        return spns;
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
