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

/** The non-interactive contract on the lab: exit codes, clean streams, JSON, command files. */
class ScriptedUseTest {
    @TempDir
    Path home;

    @Test
    void oneCommandPrintsCleanJsonAndExitsZero() throws Exception {
        KerbshellRun.Result run = KerbshellRun.in(home).args("status", "--json");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.stderr(), "nothing but the result: no banner, no log, no JLine warning");
        JsonNode status = Json.mapper().readTree(run.stdout());
        assertEquals("lab.test", status.get("domain").asText());
        assertTrue(status.get("lab").asBoolean());
        assertEquals(1, run.stdout().strip().lines().count(), "one JSON document on one line for jq");
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndNoStackTrace() {
        for (String[] args : List.of(new String[] {"no-such-command"}, new String[] {"resolve"},
                new String[] {"--password", "secret", "status"}, new String[] {"--port", "x", "status"},
                new String[] {"--tls", "ssl", "status"})) {
            KerbshellRun.Result run = KerbshellRun.in(home).args(args);
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals(1, run.stderr().strip().lines().count(), run::toString);
            assertTrue(run.stderr().startsWith("error: "), run::toString);
            assertFalse(run.stderr().contains("\tat "), "no stack trace without --debug");
            assertEquals("", run.stdout(), run::toString);
        }
    }

    @Test
    void unknownHostIsAProblemNotAUsageError() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("resolve", "HV99");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("no account named HV99 in lab.test"), run::toString);
        assertFalse(run.stderr().contains("\tat "));
    }

    @Test
    void debugShowsTheStackTrace() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("--debug", "resolve", "HV99");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("\tat kerbshell."), run::toString);
    }

    @Test
    void commandFileStopsAtTheFirstFailingLineUnlessKeepGoing() throws Exception {
        Path file = home.resolve("cmds.ks");
        Files.writeString(file, """
                # resolve both hosts, then one that does not exist
                resolve HV01

                resolve HV99
                resolve HV02
                """);
        KerbshellRun.Result stopped = KerbshellRun.in(home).args("--file", file.toString());
        assertEquals(1, stopped.exitCode(), stopped::toString);
        assertTrue(stopped.stderr().contains(file + ":4: failed (exit 1): resolve HV99"), stopped::toString);
        assertTrue(stopped.stdout().contains("HV01$"));
        assertFalse(stopped.stdout().contains("HV02$"), "stops at the failing line");

        KerbshellRun.Result kept = KerbshellRun.in(home).args("--file", file.toString(), "--keep-going");
        assertEquals(1, kept.exitCode(), kept::toString);
        assertTrue(kept.stdout().contains("HV02$"), "goes on after the failing line");
    }

    @Test
    void commandFileWritesReadsBackAndStopsAtLineThree() throws Exception {
        Path file = home.resolve("spn.ks");
        Files.writeString(file, """
                spn add HV01 http/web.lab.test
                spn list HV01
                spn add HV02 http/web.lab.test
                spn remove HV01 http/web.lab.test
                """);
        KerbshellRun.Result stopped = KerbshellRun.in(home).args("--file", file.toString());
        assertEquals(1, stopped.exitCode(), stopped::toString);
        assertTrue(stopped.stdout().contains("http/web.lab.test  added"), stopped::toString);
        assertTrue(stopped.stdout().contains("    http/web.lab.test"), "read back by spn list: " + stopped);
        assertTrue(stopped.stdout().contains("held by HV01$"), stopped::toString);
        assertTrue(stopped.stderr().contains(file + ":3: failed (exit 1): spn add HV02 http/web.lab.test"),
                stopped::toString);
        assertFalse(stopped.stdout().contains("removed"), "line 4 did not run");

        KerbshellRun.Result kept = KerbshellRun.in(home).args("--keep-going", "--json", "--file", file.toString());
        assertEquals(1, kept.exitCode(), kept::toString);
        List<String> documents = kept.stdout().strip().lines().toList();
        assertEquals(4, documents.size(), "one JSON document per command: " + kept);
        assertEquals("REMOVED", Json.mapper().readTree(documents.get(3)).at("/outcomes/0/result").asText());
    }

    @Test
    void dryRunPrintsTheLdifAndExitCodesFollowTheOutcome() {
        KerbshellRun.Result dry = KerbshellRun.in(home).args("spn", "add", "HV01",
                "Microsoft Virtual System Migration Service/hv02.lab.test", "--dry-run");
        assertEquals(1, dry.exitCode(), "held by HV02: " + dry);
        KerbshellRun.Result ok = KerbshellRun.in(home).args("spn", "add", "HV01", "cifs/hv01.lab.test", "--dry-run");
        assertEquals(0, ok.exitCode(), ok::toString);
        assertTrue(ok.stdout().contains("""
                dn: CN=HV01,CN=Computers,DC=lab,DC=test
                changetype: modify
                add: servicePrincipalName
                servicePrincipalName: cifs/hv01.lab.test
                -"""), ok::toString);
        KerbshellRun.Result ticket = KerbshellRun.in(home).args("ticket", "get", "cifs/hv01.lab.test", "--json");
        assertEquals(0, ticket.exitCode(), "cifs is served by HOST through sPNMappings: " + ticket);
        KerbshellRun.Result refused = KerbshellRun.in(home).args("ticket", "get", "http/nobody.lab.test");
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.stdout().contains("7 KDC_ERR_S_PRINCIPAL_UNKNOWN"), refused::toString);
    }

    @Test
    void connectingToTheOwnLabAsAnotherUserKeepsLabSearches() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "LabOperator-2025!").stdin(
                "lab stop\nlab start --ldap-port " + port + "\nconnect --server 127.0.0.1 --port " + port
                        + " --tls none --domain lab.test --user operator\nspn find \"*/hv01*\"\n").args();
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("in the lab directory"), "forest searches stay on the lab: " + run);
    }

    @Test
    void jsonWithAFileGivesOneDocumentPerCommand() throws Exception {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin("resolve HV01\nresolve HV02\nstatus\n")
                .args("--json");
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.stdout().strip().lines().toList();
        assertEquals(3, lines.size(), run::toString);
        for (String line : lines) {
            Json.mapper().readTree(line);
        }
        assertEquals("HV02$", Json.mapper().readTree(lines.get(1)).get("samAccountName").asText());
    }

    @Test
    void unbalancedQuotesInACommandFileAreAUsageErrorNamingTheLine() {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin("resolve HV01\nspn list \"HV02\n").args();
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("error: unbalanced quotes in: spn list \"HV02"), run::toString);
        assertTrue(run.stderr().contains("stdin:2: failed (exit 2)"), run::toString);
    }

    @Test
    void missingCommandFileIsAUsageError() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("--file", home.resolve("nope.ks").toString());
        assertEquals(2, run.exitCode(), run::toString);
    }

    @Test
    void helpListsTheLaunchOptionsAndExitCodes() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.stdout().contains("--password-file FILE"));
        assertTrue(run.stdout().contains("Exit status: 0 ok, 1 a command found a problem or was refused, 2 usage "
                + "error,\n3 could not reach or authenticate to the directory (DC, Global Catalog or KDC)."),
                run::toString);
        assertTrue(run.stdout().contains("  --gc HOST[:PORT]       Global Catalog"), run::toString);
        assertTrue(run.stdout().contains("  --timeout SECONDS|PHASE=S,...\n"), run::toString);
    }
}
