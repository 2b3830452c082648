package kerbshell.cli;

import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user gets wrong when connecting to a real DC, and what the Samba DC answers: each is one line on
 * stderr that names the object and the fix, exit status 1, nothing on stdout and no stack trace.
 */
@Tag("samba")
class SambaBadInputTest {
    private static SambaTestBed bed;

    @TempDir
    Path home;

    @BeforeAll
    static void startBed() {
        bed = SambaTestBed.get();
    }

    private KerbshellRun operator() {
        return KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.operatorPassword());
    }

    @Test
    void ldapsWithoutTheCaFileIsACertificateTheSystemDoesNotTrust() {
        KerbshellRun.Result run = operator().args("--server", bed.dcIp(), "--domain", bed.domain(), "--user",
                bed.operatorUser(), "status");
        assertOneLineError("the TLS certificate of " + bed.dcIp() + ":636 (CN=dc1.corp.test, O=kerbshell test bed) "
                + "is not trusted by the system trust store: give the CA that issued it with --ca-file FILE.pem, or "
                + "for a lab only, --insecure-tls", run);
    }

    @Test
    void aNameTheCertificateDoesNotCarryIsRefused() throws IOException {
        // localhost reaches the DC through a relay; TLS runs end to end, so the DC's own certificate is checked.
        try (TcpRelay relay = TcpRelay.to(bed.dcIp(), bed.ldapsPort())) {
            KerbshellRun.Result run = operator().args("--server", "localhost", "--port", String.valueOf(relay.port()),
                    "--domain", bed.domain(), "--user", bed.operatorUser(), "--ca-file", bed.caFile().toString(),
                    "status");
            assertOneLineError("the TLS certificate of localhost:" + relay.port() + " does not name localhost (it "
                    + "names dc1.corp.test, dc1, " + bed.dcIp() + "): connect with --server set to a name the "
                    + "certificate carries", run);
        }
    }

    @Test
    void aSimpleBindWithoutTlsIsRefusedBeforeThePasswordLeaves() {
        KerbshellRun.Result run = operator().args(SambaLaunch.as(bed, bed.operatorUser())
                .with("--tls", "none", "--auth", "simple").then("status"));
        assertOneLineError(2, "refusing a simple bind without TLS: the password of operator@corp.test would cross "
                + "the network in the clear; use --tls ldaps (the default) or --tls starttls, or --auth gssapi, "
                + "which signs every message", run);
    }

    @Test
    void aWrongPasswordNamesTheAccount() {
        KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "not-the-password")
                .args(SambaLaunch.as(bed, bed.operatorUser()).then("status"));
        assertOneLineError("wrong user name or password for operator@corp.test: check --user and the password "
                + "(KERBSHELL_PASSWORD, --password-file or the prompt)", run);
    }

    @Test
    void aWrongPasswordWithKerberosIsRefusedByTheKdc() {
        KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "not-the-password")
                .args(SambaLaunch.as(bed, bed.operatorUser()).with("--auth", "gssapi").then("status"));
        assertOneLineError("wrong password for operator@CORP.TEST (the KDC at " + bed.dcIp() + ":88 refused "
                + "pre-authentication)", run);
    }

    @Test
    void aDcThatDoesNotAnswerIsOneLine() throws IOException {
        int closed = closedPort();
        KerbshellRun.Result run = operator().args(SambaLaunch.as(bed, bed.operatorUser())
                .with("--port", String.valueOf(closed)).then("status"));
        assertOneLineError("cannot reach " + bed.dcIp() + ":" + closed + " (Connection refused): the DC is down or "
                + "the port is blocked; check --server, --port and --tls", run);
    }

    @Test
    void aGlobalCatalogThatDoesNotAnswerIsNamedAsTheGc() throws IOException {
        int closed = closedPort();
        KerbshellRun.Result run = operator().args(SambaLaunch.as(bed, bed.operatorUser())
                .with("--gc", bed.dcIp() + ":" + closed).then("spn", "find", "HOST/hv01*"));
        assertOneLineError("cannot open the Global Catalog at " + bed.dcIp() + ":" + closed + " (Connection "
                + "refused), which forest-wide checks search: give its address with --gc HOST[:PORT], or --no-gc to "
                + "search domain corp.test only", run);
    }

    @Test
    void noGcSaysTheCheckIsDomainWide() {
        KerbshellRun.Result run = operator().args(SambaLaunch.as(bed, bed.operatorUser()).with("--no-gc")
                .then("spn", "find", "HOST/hv01*"));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("SPN(s) in domain corp.test only (--no-gc: the check is domain-wide, not "
                + "forest-wide)"), run::toString);
    }

    /** A port on the DC's address that nothing listens on: the DC's own address with its service gone. */
    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(bed.dcIp()))) {
            return probe.getLocalPort();
        }
    }

    /** Exit 3: the directory could not be reached or did not authenticate us. */
    private static void assertOneLineError(String message, KerbshellRun.Result run) {
        assertOneLineError(3, message, run);
    }

    private static void assertOneLineError(int exit, String message, KerbshellRun.Result run) {
        assertEquals(exit, run.exitCode(), run::toString);
        assertEquals("error: " + message + "\n", run.stderr(), run::toString);
        assertEquals("", run.stdout(), run::toString);
        assertFalse(run.stderr().contains("\tat "), "no stack trace without --debug");
    }
}
