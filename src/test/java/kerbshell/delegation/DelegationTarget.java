package kerbshell.delegation;

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

/**
 * A directory for delegation contract tests: the lab or the Samba AD DC, with two administrator sessions, one for
 * kerbshell's services and one for "someone else" writing at the same time (and for restoring fixtures).
 */
interface DelegationTarget extends AutoCloseable {
    DirectorySession admin();

    DirectorySession other();

    String domain();

    /** A logon at the target's KDC as its plain operator user, to ask for ordinary service tickets. */
    KdcLogon operatorLogon();

    @Override
    void close();

    static DelegationTarget lab() {
        LabDomain lab = LabDomain.start(0, 0);
        DirectorySession admin = lab.openSession(new DirectoryConnector());
        DirectorySession other = lab.openSession(new DirectoryConnector());
        return new DelegationTarget() {
            public DirectorySession admin() {
                return admin;
            }

            public DirectorySession other() {
                return other;
            }

            public String domain() {
                return LabDirectory.DOMAIN;
            }

            public KdcLogon operatorLogon() {
                return new ServiceTicketRequester(new KdcEndpoint(LabDirectory.REALM, "127.0.0.1", lab.kdc().port(),
                        KdcEndpoint.Transport.TCP)).logOn("operator@LAB.TEST", "LabOperator-2025!".toCharArray());
            }

            public void close() {
                admin.close();
                other.close();
                lab.close();
            }
        };
    }

    static DelegationTarget samba() {
        SambaTestBed bed = SambaTestBed.get();
        DirectorySession admin = open(bed, bed.adminUser(), bed.adminPassword());
        DirectorySession other = open(bed, bed.adminUser(), bed.adminPassword());
        return new DelegationTarget() {
            public DirectorySession admin() {
                return admin;
            }

            public DirectorySession other() {
                return other;
            }

            public String domain() {
                return bed.domain();
            }

            public KdcLogon operatorLogon() {
                return new ServiceTicketRequester(new KdcEndpoint(bed.realm(), bed.dcIp(), bed.kdcPort(),
                        KdcEndpoint.Transport.TCP)).logOn(bed.operatorUser() + "@" + bed.realm(),
                        bed.operatorPassword().toCharArray());
            }

            public void close() {
                admin.close();
                other.close();
            }
        };
    }

    static DirectorySession open(SambaTestBed bed, String user, String password) {
        return new DirectoryConnector().open(settings(bed, user), password::toCharArray);
    }

    /** LDAPS to the test bed's DC by address, the certificate checked against the test bed's CA. */
    static ConnectionSettings settings(SambaTestBed bed, String user) {
        return new ConnectionSettings(bed.dcIp(), bed.ldapsPort(), bed.domain(), user, AuthMethod.SIMPLE,
                TlsMode.LDAPS, bed.caFile(), false, null, null, bed.dcIp() + ":" + bed.kdcPort());
    }
}
