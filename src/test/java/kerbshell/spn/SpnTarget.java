package kerbshell.spn;

import kerbshell.directory.AuthMethod;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.TlsMode;
import kerbshell.kerberos.KdcEndpoint;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketRequester;
import kerbshell.lab.LabDirectory;
import kerbshell.lab.LabDomain;
import kerbshell.testbed.SambaTestBed;

/** A directory with its KDC, for contract tests that run the same assertions against the lab and Samba. */
public interface SpnTarget extends AutoCloseable {
    DirectorySession admin();

    /** A logon at the target's KDC as its plain operator user, to ask for service tickets. */
    KdcLogon operatorLogon();

    String domain();

    @Override
    void close();

    static SpnTarget lab() {
        LabDomain lab = LabDomain.start(0, 0);
        DirectorySession session = lab.openSession(new DirectoryConnector());
        return new SpnTarget() {
            public DirectorySession admin() {
                return session;
            }

            public KdcLogon operatorLogon() {
                return new ServiceTicketRequester(new KdcEndpoint(LabDirectory.REALM, "127.0.0.1", lab.kdc().port(),
                        KdcEndpoint.Transport.TCP)).logOn("operator@LAB.TEST", "LabOperator-2025!".toCharArray());
            }

            public String domain() {
                return LabDirectory.DOMAIN;
            }

            public void close() {
                session.close();
                lab.close();
            }
        };
    }

    static SpnTarget samba() {
        SambaTestBed bed = SambaTestBed.get();
        DirectorySession session = new DirectoryConnector().open(settings(bed, bed.adminUser()),
                () -> bed.adminPassword().toCharArray());
        return new SpnTarget() {
            public DirectorySession admin() {
                return session;
            }

            public KdcLogon operatorLogon() {
                return new ServiceTicketRequester(new KdcEndpoint(bed.realm(), bed.dcIp(), bed.kdcPort(),
                        KdcEndpoint.Transport.TCP)).logOn(bed.operatorUser() + "@" + bed.realm(),
                        bed.operatorPassword().toCharArray());
            }

            public String domain() {
                return bed.domain();
            }

            public void close() {
                session.close();
            }
        };
    }

    /** LDAPS to the test bed's DC by address, the certificate checked against the test bed's CA. */
    static ConnectionSettings settings(SambaTestBed bed, String user) {
        return new ConnectionSettings(bed.dcIp(), bed.ldapsPort(), bed.domain(), user, AuthMethod.SIMPLE,
                TlsMode.LDAPS, bed.caFile(), false, null, null, bed.dcIp() + ":" + bed.kdcPort());
    }
}
