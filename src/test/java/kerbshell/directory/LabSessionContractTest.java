package kerbshell.directory;

import kerbshell.lab.LabDirectory;
import kerbshell.lab.LabDomain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The session contract on the built-in lab: in-process directory and KDC, plain LDAP on loopback. */
class LabSessionContractTest extends SessionContractTest {
    private static LabDomain lab;

    @BeforeAll
    static void startLab() {
        lab = LabDomain.start(0, 0);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Override
    protected DirectorySession openAsAdministrator() {
        return lab.openSession(new DirectoryConnector());
    }

    @Override
    protected String domain() {
        return LabDirectory.DOMAIN;
    }

    @Override
    protected String netbios() {
        return LabDirectory.NETBIOS;
    }

    @Override
    protected String forestView() {
        return "the lab directory";
    }

    @Override
    protected String functionalLevel() {
        return "Windows Server 2016 (7)";
    }

    @Override
    protected String transport() {
        return "none";
    }

    @Override
    protected String kdc() {
        return lab.kdcAddress();
    }
}
