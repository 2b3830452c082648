package kerbshell.session;

import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.lab.LabDirectory;
import kerbshell.spn.SpnService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A running lab moved to another LDAP port keeps what was changed in it, its KDC's principals and the session;
 * judged from outside by the real {@code ldapsearch}, not by kerbshell.
 */
class LabMoveTest {
    private static final String SPN = "MSSQLSvc/hv01.lab.test:1433";

    private SessionManager sessions;

    @BeforeEach
    void start() {
        sessions = new SessionManager(new DirectoryConnector());
        sessions.startLab(0, 0);
    }

    @AfterEach
    void stop() {
        sessions.close();
    }

    @Test
    void movedLabKeepsItsChangesTheKdcAndTheSession() throws Exception {
        new SpnService(sessions.current()).add("HV01", List.of(SPN), false);
        int before = sessions.requireLab().ldapPort();
        int port = freePort();

        SessionManager.LabStart moved = sessions.startLab(port, 0);

        assertTrue(moved.moved());
        assertTrue(moved.entriesKept() > 10, "the seed and the change: " + moved.entriesKept());
        assertEquals(port, sessions.requireLab().ldapPort());
        DirectorySession session = sessions.current();
        assertEquals(port, session.settings().effectivePort(), "the session follows the lab");
        assertTrue(session.environment().isLab());
        assertTrue(ldapsearch(port).contains("servicePrincipalName: " + SPN), "ldapsearch on the new port sees it");
        assertFalse(ldapsearch(before).contains(SPN), "the old port no longer answers");
        assertTrue(new SpnService(session).add("HV02", List.of("MSSQLSvc/hv02.lab.test:1433"), false)
                .toString().contains("hv02"), "the session writes on the new port");
        assertTrue(ldapsearch(port).contains("MSSQLSvc/hv02.lab.test:1433"));
        assertTrue(sessions.requireLab().logOn(session, "operator").requestServiceTicket(SPN).issued(),
                "the KDC knows the SPN added before the move");
    }

    @Test
    void aPortInUseLeavesTheLabWhereItWas() throws Exception {
        int before = sessions.requireLab().ldapPort();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            KerbshellException refused = assertThrows(KerbshellException.class,
                    () -> sessions.startLab(taken.getLocalPort(), 0));
            assertTrue(refused.getMessage().contains("stays at ldap://127.0.0.1:" + before), refused.getMessage());
            assertEquals(1, refused.getMessage().lines().count());
        }
        assertEquals(before, sessions.requireLab().ldapPort());
        assertEquals(before, sessions.current().settings().effectivePort());
        assertTrue(ldapsearch(before).contains("dn: CN=HV01"), "still answers where it was");
    }

    @Test
    void theKdcPortStaysWhileTheLabRuns() {
        int kdc = sessions.requireLab().kdc().port();
        KerbshellException refused = assertThrows(KerbshellException.class, () -> sessions.startLab(0, kdc + 1));
        assertTrue(refused.getMessage().contains("'lab stop'"), refused.getMessage());
        assertEquals(kdc, sessions.requireLab().kdc().port());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** HV01's and HV02's SPNs as the real ldapsearch reads them with a simple bind, or "" when nothing answers. */
    static String ldapsearch(int port) throws Exception {
        Process search = new ProcessBuilder("ldapsearch", "-LLL", "-x", "-o", "nettimeout=5",
                "-H", "ldap://127.0.0.1:" + port,
                "-D", LabDirectory.ADMIN_USER + "@" + LabDirectory.DOMAIN, "-w", LabDirectory.ADMIN_PASSWORD,
                "-b", LabDirectory.BASE_DN, "(|(sAMAccountName=HV01$)(sAMAccountName=HV02$))", "servicePrincipalName")
                .redirectErrorStream(true).start();
        String out = new String(search.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(search.waitFor(20, TimeUnit.SECONDS));
        return search.exitValue() == 0 ? out : "";
    }
}
