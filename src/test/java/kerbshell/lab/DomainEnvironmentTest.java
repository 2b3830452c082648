package kerbshell.lab;

import kerbshell.diagnosis.HostResolver;
import kerbshell.directory.DomainControllerEnvironment;
import kerbshell.directory.DomainEnvironment;
import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import kerbshell.testbed.LabFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The two environments a session can have: a real DC refuses what only the lab does, each in one line; the lab
 * answers it (its KDC, its names, its simulation) and refuses what it has no use for.
 */
class DomainEnvironmentTest {
    @RegisterExtension
    static final LabFixture LAB = LabFixture.perClass();

    @Test
    void aDomainControllerRefusesTheLabOnlyOperationsInOneLine() {
        DomainEnvironment dc = new DomainControllerEnvironment("dc1.corp.example");
        for (String what : List.of("lab plant", "lab scenario", "tutorial")) {
            KerbshellException refused = assertThrows(KerbshellException.class, () -> dc.requireLab(what));
            assertEquals(ExitStatus.USAGE, refused.status());
            assertEquals(what + " runs on the built-in lab only, and this session is on dc1.corp.example: run "
                    + "'lab start' first", refused.getMessage());
        }
        assertTrue(dc.simulation(LabDomain.class).isEmpty(), "no simulated hosts on a DC: vmms restart prints");
        assertEquals(Optional.empty(), dc.ownAddresses("hv01.lab.test"), "DNS answers for a DC's hosts");
        assertEquals(Optional.empty(), dc.s4uUnavailable(), "a DC's KDC does S4U");
        assertDoesNotThrow(() -> dc.requireDomainController("profile save"));
        assertFalse(dc.inProcess());
        assertFalse(dc.plainBindIsSafe());
        assertEquals("", dc.serverSuffix());
    }

    @Test
    void theLabAnswersThemAndRefusesWhatItHasNoUseFor() {
        DomainEnvironment environment = LAB.session().environment();
        assertTrue(environment.isLab());
        assertDoesNotThrow(() -> environment.requireLab("lab plant"));
        assertSame(LAB.lab(), environment.simulation(LabDomain.class).orElseThrow(),
                "vmms restart --via lab uses it");
        assertEquals(Optional.of(List.of("127.0.0.1")), environment.ownAddresses("HV01.lab.test"));
        assertEquals(Optional.empty(), environment.ownAddresses("dc1.corp.example"));
        assertEquals(List.of("127.0.0.1"), HostResolver.of(LAB.session()).resolve("hv02.lab.test").orElseThrow());
        assertEquals(LAB.lab().kdcAddress(), environment.kdcAddress(LAB.session().settings()));
        assertTrue(environment.logOn(LAB.session(), "operator", principal -> fail("the lab needs no password"))
                .requestServiceTicket("HOST/hv01.lab.test").issued(), "the lab's KDC, the lab's secrets");
        String noS4u = environment.s4uUnavailable().orElseThrow();
        assertTrue(noS4u.contains("neither S4U2Self nor S4U2Proxy"), noS4u);
        KerbshellException refused = assertThrows(KerbshellException.class,
                () -> environment.requireDomainController("profile save"));
        assertEquals(ExitStatus.USAGE, refused.status());
        assertEquals(1, refused.getMessage().lines().count());
        assertTrue(environment.inProcess(), "its changes end with the shell and have a journal of their own");
        assertEquals(" (lab)", environment.serverSuffix());
    }
}
