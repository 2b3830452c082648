package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.output.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab on a chosen port: from the launch line, and moved there from the prompt with its state. */
class LabPortCliTest {
    @TempDir
    Path home;

    @Test
    void launchOptionOpensTheLabOnThatPort() throws Exception {
        int port = freePort();
        KerbshellRun.Result run = KerbshellRun.in(home).args("--lab-port", String.valueOf(port), "status", "--json");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode status = Json.mapper().readTree(run.stdout());
        assertEquals(port, status.get("port").asInt(), run::toString);
        assertTrue(status.get("lab").asBoolean());
    }

    @Test
    void labStartAtAFreshPromptMovesTheLabWithItsChangesAndJournal() throws Exception {
        int port = freePort();
        KerbshellRun.Result run = KerbshellRun.in(home).stdin("""
                spn add HV01 MSSQLSvc/hv01.lab.test:1433
                lab start --ldap-port %d
                spn list HV01 --json
                journal --json
                status --json
                """.formatted(port)).args();
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("lab moved: ldap://127.0.0.1:" + port + ", "), run::toString);
        assertTrue(run.stdout().matches("(?s).*lab moved: [^\\n]*, \\d+ entries kept\\n.*"), run::toString);
        String[] lines = run.stdout().strip().split("\n");
        JsonNode status = Json.mapper().readTree(lines[lines.length - 1]);
        assertEquals(port, status.get("port").asInt(), run::toString);
        assertTrue(lines[lines.length - 3].contains("MSSQLSvc/hv01.lab.test:1433"), "spn list after the move");
        assertTrue(lines[lines.length - 2].contains("MSSQLSvc/hv01.lab.test:1433"), "the journal still has the add");
    }

    @Test
    void aRecordingAndAScenarioGoOnAcrossTheMove() throws Exception {
        int port = freePort();
        KerbshellRun.Result run = KerbshellRun.in(home).stdin("""
                lab scenario start missing-migration-spn
                recipe record moved-fix
                spn add HV01 MSSQLSvc/hv01.lab.test:1433
                lab start --ldap-port %d
                spn hyperv HV02 --add
                recipe save
                lab scenario check
                """.formatted(port)).args();
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("lab moved: ldap://127.0.0.1:" + port), run::toString);
        assertTrue(run.stdout().contains("saved recipe moved-fix (2 step(s)"), "both writes recorded: " + run);
        String recipe = Files.readString(home.resolve("kerbshell-home/recipes/moved-fix.yaml"));
        assertTrue(recipe.contains("spn add ${source} MSSQLSvc/${source}.${domain}:1433"), recipe);
        assertTrue(recipe.contains("spn hyperv ${destination} --add"), recipe);
        assertTrue(run.stdout().contains("scenario missing-migration-spn: SOLVED"), "the scenario survived: " + run);
    }

    @Test
    void aPortInUseIsOneLineAndTheLabStays() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            KerbshellRun.Result run = KerbshellRun.in(home).args("lab", "start", "--ldap-port",
                    String.valueOf(taken.getLocalPort()));
            assertEquals(1, run.exitCode(), run::toString);
            assertEquals(1, run.stderr().strip().lines().count(), run::toString);
            assertTrue(run.stderr().contains("stays at ldap://127.0.0.1:"), run::toString);
        }
    }

    @Test
    void aLaunchPortInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            KerbshellRun.Result run = KerbshellRun.in(home).args("--lab-port", String.valueOf(taken.getLocalPort()),
                    "status");
            assertEquals(1, run.exitCode(), run::toString);
            assertEquals(1, run.stderr().strip().lines().count(), run::toString);
            assertTrue(run.stderr().startsWith("error: the lab cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " ("), run::toString);
        }
    }

    @Test
    void badLabPortsAreUsageErrors() {
        for (String[] args : new String[][] {{"--lab-port", "x", "status"}, {"--lab-port", "70000", "status"},
                {"--lab-port", "10389", "--server", "dc1.corp.example", "status"}}) {
            KerbshellRun.Result run = KerbshellRun.in(home).args(args);
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals(1, run.stderr().strip().lines().count(), run::toString);
            assertTrue(run.stderr().contains("--lab-port"), run::toString);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
