package kerbshell.directory;

import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The session contract on a real AD DC: the Samba test bed, over LDAPS with its CA and host name verification,
 * bound as Administrator with a simple bind.
 */
@Tag("samba")
class SambaSessionContractTest extends SessionContractTest {
    private static SambaTestBed bed;

    @BeforeAll
    static void startBed() {
        bed = SambaTestBed.get();
    }

    @Override
    protected DirectorySession openAsAdministrator() {
        ConnectionSettings settings = new ConnectionSettings(bed.dcIp(), null, bed.domain(), bed.adminUser(),
                AuthMethod.SIMPLE, TlsMode.LDAPS, bed.caFile(), false, null, null, null);
        return new DirectoryConnector().open(settings, () -> bed.adminPassword().toCharArray());
    }

    @Override
    protected String domain() {
        return bed.domain();
    }

    @Override
    protected String netbios() {
        return bed.env("NETBIOS");
    }

    @Override
    protected String forestView() {
        return "the Global Catalog at " + bed.dcIp() + ":3269";
    }

    @Override
    protected String functionalLevel() {
        return "Windows Server 2008 R2 (4)"; // Samba 4.17 provisions at 2008 R2 by default
    }

    @Override
    protected String transport() {
        return "LDAPS, certificate verified against " + bed.caFile();
    }

    @Override
    protected String kdc() {
        return bed.dcIp() + ":" + bed.kdcPort();
    }
}
