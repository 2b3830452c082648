package kerbshell.hostcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.cli.KerbshellRun;
import kerbshell.output.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vmms restart --via ssh against a real OpenSSH server on loopback (see {@link LoopbackSshd}), through the real
 * shell on the lab: the exact command lines arrive, in order, and their exit status and output come back; a
 * failing command stops the run with exit 1; a refused connection, an unknown and a changed host key are one
 * clear line each.
 */
class VmmsSshTest {
    @TempDir
    static Path dir;
    private static LoopbackSshd sshd;

    @TempDir
    Path home;
    private Path knownHosts;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = LoopbackSshd.start(Files.createDirectories(dir.resolve("sshd")));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void knownHostsAndCleanLogs() throws Exception {
        knownHosts = home.resolve("known_hosts");
        Files.writeString(knownHosts, sshd.knownHostsLine(sshd.hostPublicKey));
        sshd.clearLogs();
        sshd.failing("klist", false);
        sshd.failing("powershell", false);
    }

    @Test
    void theExactCommandsArriveInOrderAndTheirStatusAndOutputComeBack() throws Exception {
        Run run = restart("--purge-tickets", "--json");
        assertEquals(0, run.code, run::toString);
        assertEquals("", run.err, "no library logging on stderr");
        assertEquals(List.of("klist -li 0x3e7 purge",
                "powershell -NoProfile -NonInteractive -Command \"Restart-Service -Name vmms -Force\""), sshd.received());
        assertEquals(List.of("klist [-li] [0x3e7] [purge]",
                "powershell [-NoProfile] [-NonInteractive] [-Command] [Restart-Service -Name vmms -Force]"),
                sshd.calls());
        JsonNode result = Json.mapper().readTree(run.out);
        assertEquals("ssh", result.get("via").asText());
        assertEquals(sshd.user + "@127.0.0.1:" + sshd.port, result.get("target").asText());
        assertFalse(result.get("simulated").asBoolean());
        JsonNode purge = result.at("/commands/0");
        assertEquals("RAN", purge.get("state").asText());
        assertEquals(0, purge.get("exitStatus").asInt());
        assertEquals("klist ran: -li 0x3e7 purge\n", purge.get("stdout").asText());
        assertEquals("powershell ran: -NoProfile -NonInteractive -Command Restart-Service -Name vmms -Force\n",
                result.at("/commands/1/stdout").asText());
    }

    @Test
    void cmdSpellingRunsNetStopThenNetStartAndPrintsEachCommandWithItsStatus() throws Exception {
        Run run = restart("--shell", "cmd");
        assertEquals(0, run.code, run::toString);
        assertEquals(List.of("net stop vmms && net start vmms"), sshd.received());
        assertEquals(List.of("net [stop] [vmms]", "net [start] [vmms]"), sshd.calls());
        assertTrue(run.out.startsWith("host:     HV01 (hv01.lab.test)\nvia:      ssh " + sshd.user + "@127.0.0.1:"
                + sshd.port + "\n$ net stop vmms && net start vmms\n  net ran: stop vmms\n  net ran: start vmms\n"
                + "  exit 0\nvmms restarted on HV01;"), run::toString);
    }

    @Test
    void aFailingCommandStopsTheRunAndExitsOne() throws Exception {
        sshd.failing("klist", true);
        Run run = restart("--purge-tickets", "--json");
        assertEquals(1, run.code, run::toString);
        assertEquals(List.of("klist -li 0x3e7 purge"), sshd.received(), "the restart was not sent");
        JsonNode result = Json.mapper().readTree(run.out);
        assertEquals(5, result.at("/commands/0/exitStatus").asInt());
        assertEquals("klist: Access is denied.\n", result.at("/commands/0/stderr").asText());
        assertEquals("NOT_RUN", result.at("/commands/1/state").asText());
        assertTrue(result.get("summary").asText().startsWith("failed: 'klist -li 0x3e7 purge' exited with 5"),
                run::toString);
    }

    @Test
    void aRefusedConnectionIsOneClearLine() throws Exception {
        int closed = LoopbackSshd.freePort();
        Run run = restartAt("127.0.0.1:" + closed);
        assertEquals(1, run.code, run::toString);
        assertEquals("", run.out);
        assertEquals("error: cannot connect to 127.0.0.1:" + closed + " over SSH: connection refused; check that "
                + "the OpenSSH Server (sshd) runs on the host and the port is open\n", run.err);
    }

    @Test
    void aChangedHostKeyIsRefusedAndNothingRuns() throws Exception {
        Files.writeString(knownHosts, sshd.knownHostsLine(sshd.otherHostPublicKey));
        Run run = restart("--accept-new-host-key");
        assertEquals(1, run.code, run::toString);
        assertTrue(run.err.startsWith("error: the SSH host key of 127.0.0.1:" + sshd.port + " does not match the one "
                + "recorded in " + knownHosts), run::toString);
        assertEquals(1, run.err.lines().count(), run::toString);
        assertEquals(List.of(), sshd.received());
    }

    @Test
    void anUnknownHostKeyIsRefusedUnlessAcceptedExplicitlyThenRecorded() throws Exception {
        Files.writeString(knownHosts, "");
        Run refused = restart();
        assertEquals(1, refused.code, refused::toString);
        assertTrue(refused.err.startsWith("error: the SSH host key of 127.0.0.1:" + sshd.port + " is not in "
                + knownHosts), refused::toString);
        assertEquals(List.of(), sshd.received());

        Run accepted = restart("--accept-new-host-key");
        assertEquals(0, accepted.code, accepted::toString);
        String hostKey = Files.readString(sshd.hostPublicKey).trim().split("\\s+")[1];
        assertTrue(Files.readString(knownHosts).contains("[127.0.0.1]:" + sshd.port + " ssh-ed25519 " + hostKey),
                Files.readString(knownHosts));

        Run again = restart();
        assertEquals(0, again.code, again::toString);
    }

    private Run restart(String... extra) {
        return restartAt("127.0.0.1:" + sshd.port, extra);
    }

    private Run restartAt(String address, String... extra) {
        List<String> args = new ArrayList<>(List.of("vmms", "restart", "HV01", "--via", "ssh", "--address", address,
                "--ssh-user", sshd.user, "--identity", sshd.clientKey.toString(),
                "--known-hosts", knownHosts.toString()));
        args.addAll(List.of(extra));
        KerbshellRun.Result run = KerbshellRun.in(home).args(args.toArray(String[]::new));
        return new Run(run.exitCode(), run.stdout(), run.stderr());
    }

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
