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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vmms restart --via winrm through the real shell on the lab, against {@link WsManEndpoint}: kerbshell logs on to
 * the lab's KDC as the session's user, gets a ticket for HTTP/hv01.lab.test, and runs the commands in a WinRM cmd
 * shell over HTTPS. In the lab no host has keys, so the test lends HTTP/hv01.lab.test to alice, whose lab password
 * gives the endpoint the service key to check each Kerberos token with.
 */
class VmmsWinRmTest {
    private static final String SERVICE_ACCOUNT_SECRET = "LabAlice-2025!";
    private static final String LEND_SPN = "spn add alice HTTP/hv01.lab.test\n";

    @TempDir
    static Path dir;
    private static WsManEndpoint endpoint;

    @TempDir
    Path home;

    @BeforeAll
    static void startEndpoint() throws Exception {
        endpoint = WsManEndpoint.start(dir);
    }

    @AfterAll
    static void stopEndpoint() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @BeforeEach
    void clear() {
        endpoint.clear();
        endpoint.serviceSecret(SERVICE_ACCOUNT_SECRET);
    }

    @Test
    void runsTheCommandsInAWinRmShellAuthenticatedAsTheSessionUser() throws Exception {
        Run run = file(LEND_SPN + restart("--purge-tickets"), "--json");
        assertEquals(0, run.code, run::toString);
        assertEquals("", run.err, "no library logging on stderr");
        assertEquals(List.of("klist -li 0x3e7 purge",
                "powershell -NoProfile -NonInteractive -Command \"Restart-Service -Name vmms -Force\""),
                endpoint.commands);
        assertEquals(List.of("Create", "Command", "Receive", "Signal", "Command", "Receive", "Signal", "Delete"),
                endpoint.actions);
        assertEquals(List.of(), endpoint.rejected);
        assertEquals(8, endpoint.clients.size(), "every request authenticated");
        assertTrue(endpoint.clients.stream().allMatch("Administrator@LAB.TEST"::equals), endpoint.clients::toString);

        JsonNode result = Json.mapper().readTree(run.out.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals("winrm", result.get("via").asText());
        assertEquals("https://127.0.0.1:" + endpoint.port + "/wsman as Administrator@LAB.TEST (Kerberos to "
                + "HTTP/hv01.lab.test)", result.get("target").asText());
        assertEquals(0, result.at("/commands/0/exitStatus").asInt());
        assertTrue(result.at("/commands/0/stdout").asText().contains("Ticket(s) purged!"), result::toString);
        assertEquals(0, result.at("/commands/1/exitStatus").asInt());
        assertTrue(result.get("summary").asText().startsWith("vmms restarted on HV01 and its computer tickets "
                + "purged"), result::toString);
    }

    @Test
    void aFailingRemoteCommandIsExitOneWithItsOutput() throws Exception {
        endpoint.restartFails(true);
        Run run = file(LEND_SPN + restart(), "--json");
        assertEquals(1, run.code, run::toString);
        JsonNode result = Json.mapper().readTree(run.out.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(1, result.at("/commands/0/exitStatus").asInt());
        assertTrue(result.at("/commands/0/stderr").asText().contains("cannot be stopped"), result::toString);
        assertEquals(List.of("Create", "Command", "Receive", "Signal", "Delete"), endpoint.actions);
    }

    @Test
    void aTokenTheHostCannotOpenIsRefusedWithOneLine() throws Exception {
        endpoint.serviceSecret("not the key of HTTP/hv01.lab.test");
        Run run = file(LEND_SPN + restart());
        assertEquals(1, run.code, run::toString);
        assertTrue(run.err.startsWith("error: the WinRM service at https://127.0.0.1:" + endpoint.port + "/wsman "
                + "refused the Kerberos authentication of Administrator@LAB.TEST (HTTP 401)"), run::toString);
        assertFalse(endpoint.rejected.isEmpty(), "the endpoint saw the token and could not open it");
        assertEquals(List.of(), endpoint.commands);
    }

    @Test
    void aKdcRefusalForADuplicatedHttpSpnIsReportedBeforeConnecting() throws Exception {
        Run run = file(LEND_SPN + "lab plant duplicate-spn HTTP/hv01.lab.test --on operator\n" + restart());
        assertEquals(1, run.code, run::toString);
        assertTrue(run.err.startsWith("error: the KDC gave Administrator@LAB.TEST no ticket for "
                + "HTTP/hv01.lab.test@LAB.TEST ("), run::toString);
        assertTrue(run.err.contains("Server not found in Kerberos database (7)"), run::toString);
        assertTrue(run.err.contains("; the KDC finds no single account holding HTTP/hv01.lab.test, WinRM's SPN "
                + "(missing, or held by two accounts;"), run::toString);
        assertEquals(List.of(), endpoint.actions);
    }

    @Test
    void anUntrustedCertificateStopsTheRun() throws Exception {
        Run run = file(LEND_SPN + "vmms restart HV01 --via winrm --address 127.0.0.1:" + endpoint.port + "\n");
        assertEquals(1, run.code, run::toString);
        assertTrue(run.err.startsWith("error: the TLS connection to https://127.0.0.1:" + endpoint.port
                + "/wsman failed ("), run::toString);
        assertEquals(List.of(), endpoint.actions);
    }

    @Test
    void theCertificateMustNameTheAddressConnectedTo() throws Exception {
        // The certificate names hv01.lab.test and 127.0.0.1, not localhost.
        Run run = file(LEND_SPN + "vmms restart HV01 --via winrm --address localhost:" + endpoint.port
                + " --winrm-ca-file " + endpoint.caPem + "\n");
        assertEquals(1, run.code, run::toString);
        assertTrue(run.err.startsWith("error: the TLS connection to https://localhost:" + endpoint.port
                + "/wsman failed ("), run::toString);
        assertEquals(List.of(), endpoint.actions);
    }

    @Test
    void httpIsRefusedForWantOfKerberosMessageEncryption() throws Exception {
        Run run = file(LEND_SPN + restart("--winrm-transport", "http"));
        assertEquals(1, run.code, run::toString);
        assertTrue(run.err.startsWith("error: WinRM over HTTP (http://127.0.0.1:" + endpoint.port + "/wsman) needs "
                + "Kerberos message encryption, which winrm4j, the WinRM library kerbshell uses, does not "
                + "implement"), run::toString);
        assertEquals(List.of(), endpoint.actions);
    }

    @Test
    void aRefusedConnectionIsOneClearLine() throws Exception {
        int closed = LoopbackSshd.freePort();
        Run run = file(LEND_SPN + "vmms restart HV01 --via winrm --address 127.0.0.1:" + closed
                + " --winrm-ca-file " + endpoint.caPem + "\n");
        assertEquals(1, run.code, run::toString);
        assertTrue(run.err.startsWith("error: cannot connect to https://127.0.0.1:" + closed + "/wsman: connection "
                + "refused;"), run::toString);
    }

    private static String restart(String... extra) {
        return "vmms restart HV01 --via winrm --address 127.0.0.1:" + endpoint.port + " --winrm-ca-file "
                + endpoint.caPem + (extra.length == 0 ? "" : " " + String.join(" ", extra)) + "\n";
    }

    private Run file(String commands, String... options) throws Exception {
        Path file = home.resolve("winrm.ks");
        Files.writeString(file, commands);
        String[] args = new String[options.length + 2];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = "--file";
        args[options.length + 1] = file.toString();
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
