package kerbshell.hostcontrol;

import kerbshell.lab.HostView;
import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.cli.KerbshellRun;
import kerbshell.directory.Ad;
import kerbshell.lab.LabDomain;
import kerbshell.output.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vmms restart on the lab (a simulation that refreshes the host's cached view) and --via print (the exact commands,
 * nothing changed), through the real shell; and the lab's cached views themselves.
 */
class VmmsLabTest {
    private static final String HV01 = "CN=HV01,CN=Computers,DC=lab,DC=test";
    private static LabDomain lab;

    @TempDir
    Path home;

    @BeforeAll
    static void startLab() {
        lab = LabDomain.start(0, 0);
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aHostKeepsItsCachedViewUntilItsRestartAndResetBootsItAgain() throws Exception {
        HostView booted = lab.cachedView(HV01).orElseThrow();
        assertEquals(8, booted.spns().size(), booted::toString);
        assertEquals(List.of(), booted.allowedToDelegateTo());
        assertEquals("8 SPNs, no delegation", booted.summary());

        lab.directory().system().modify(HV01,
                new Modification(ModificationType.ADD, Ad.ALLOWED_TO_DELEGATE_TO, "cifs/hv02.lab.test"),
                new Modification(ModificationType.REPLACE, Ad.USER_ACCOUNT_CONTROL,
                        String.valueOf(Ad.UAC_WORKSTATION_TRUST_ACCOUNT | Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION)));
        assertEquals(booted, lab.cachedView(HV01).orElseThrow(), "the directory changed, the host's view did not");

        HostView restarted = lab.restartHost(HV01);
        assertEquals(restarted, lab.cachedView(HV01).orElseThrow());
        assertEquals(List.of("+ msDS-AllowedToDelegateTo: cifs/hv02.lab.test",
                "+ protocol transition (any authentication protocol)"), restarted.changesSince(booted));
        assertEquals("8 SPNs, constrained delegation to 1 SPN (any protocol)", restarted.summary());

        lab.reset();
        HostView rebooted = lab.cachedView(HV01).orElseThrow();
        assertEquals(List.of(), rebooted.allowedToDelegateTo());
        assertFalse(rebooted.protocolTransition());
    }

    @Test
    void onTheLabTheRestartIsSimulatedAndPicksUpWhatChangedSinceTheLastOne() throws Exception {
        Run run = file("""
                delegate trust HV01 --to HV02 --services cifs
                vmms restart HV01 --purge-tickets
                vmms restart HV01
                """);
        assertEquals(0, run.code, run::toString);
        String restarts = run.out.substring(run.out.indexOf("host:"));
        assertEquals("""
                host:     HV01 (hv01.lab.test)
                via:      lab: simulated, nothing ran on a real host
                commands a real host would run:
                  klist -li 0x3e7 purge
                  Restart-Service -Name vmms -Force
                cached view refreshed: 8 SPNs, constrained delegation to 2 SPNs (any protocol)
                picked up since the last restart:
                  + msDS-AllowedToDelegateTo: cifs/HV02
                  + msDS-AllowedToDelegateTo: cifs/hv02.lab.test
                  + protocol transition (any authentication protocol)
                host:     HV01 (hv01.lab.test)
                via:      lab: simulated, nothing ran on a real host
                commands a real host would run:
                  Restart-Service -Name vmms -Force
                cached view refreshed: 8 SPNs, constrained delegation to 2 SPNs (any protocol)
                picked up since the last restart: nothing (the host's view already matched the directory)
                """, restarts);
    }

    @Test
    void theLabResultAsJsonCarriesTheCachedView() throws Exception {
        Run run = file("""
                spn add HV01 cifs/hv01.lab.test
                vmms restart HV01
                """, "--json");
        assertEquals(0, run.code, run::toString);
        JsonNode result = Json.mapper().readTree(run.out.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertTrue(result.get("simulated").asBoolean());
        assertEquals("lab", result.get("via").asText());
        assertEquals("SIMULATED", result.at("/commands/0/state").asText());
        assertEquals(9, result.at("/cachedView/spns").size());
        assertEquals("+ servicePrincipalName: cifs/hv01.lab.test", result.at("/pickedUp/0").asText());
    }

    @Test
    void printGivesExactlyTheCommandsAndChangesNothing() throws Exception {
        Run run = file("""
                spn add HV01 cifs/hv01.lab.test
                vmms restart HV01 --via print --purge-tickets
                vmms restart HV01 --via print --shell cmd
                vmms restart HV01
                """);
        assertEquals(0, run.code, run::toString);
        String printed = run.out.substring(run.out.indexOf("# On"), run.out.indexOf("host:"));
        assertEquals("""
                # On hv01.lab.test (HV01), in an elevated PowerShell, in this order:
                klist -li 0x3e7 purge
                Restart-Service -Name vmms -Force
                REM On hv01.lab.test (HV01), in an elevated Command Prompt, in this order:
                net stop vmms && net start vmms
                """, printed);
        assertTrue(run.out.contains("picked up since the last restart:\n  + servicePrincipalName: cifs/hv01.lab.test\n"),
                "printing did not restart the lab host: " + run);
    }

    @Test
    void badChoicesAreUsageErrorsAndAUserIsNoHost() throws Exception {
        Run via = run("vmms", "restart", "HV01", "--via", "telnet");
        assertEquals(2, via.code, via::toString);
        assertTrue(via.err.startsWith("error: vmms restart: --via must be one of lab, print, ssh, winrm, not 'telnet'; "
                + "usage: vmms restart HOST "), via::toString);
        Run shell = run("vmms", "restart", "HV01", "--shell", "bash");
        assertEquals(2, shell.code, shell::toString);
        Run user = run("vmms", "restart", "alice");
        assertEquals(1, user.code, user::toString);
        assertTrue(user.err.startsWith("error: alice is a user (CN=alice,CN=Users,DC=lab,DC=test), not a computer"),
                user::toString);
    }

    private Run file(String commands, String... options) throws Exception {
        Path file = home.resolve("vmms.ks");
        Files.writeString(file, commands);
        String[] args = new String[options.length + 2];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = "--file";
        args[options.length + 1] = file.toString();
        return run(args);
    }

    private Run run(String... args) {
        KerbshellRun.Result run = KerbshellRun.in(home).args(args);
        return new Run(run.exitCode(), run.stdout(), run.stderr());
    }

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
