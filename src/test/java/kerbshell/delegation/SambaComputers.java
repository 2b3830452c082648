package kerbshell.delegation;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.testbed.SambaTestBed;
import kerbshell.testbed.SambaTool;

import java.util.Locale;

/** Computer accounts made by a Samba test, joined the way the test bed joins its hosts. */
final class SambaComputers {
    private SambaComputers() {
    }

    /**
     * samba-tool computer create leaves a disabled account without keys, DNS name or SPNs; this gives it what a
     * joined Windows server has: dNSHostName, HOST/ SPNs in both name forms, AES, a password, enabled.
     */
    static void join(SambaTestBed bed, DirectorySession admin, String name, String password) throws Exception {
        String lower = name.toLowerCase(Locale.ROOT);
        String dn = new AccountResolver(admin).resolve(name).dn();
        admin.ldap().modify(dn,
                new Modification(ModificationType.REPLACE, Ad.DNS_HOST_NAME, lower + "." + bed.domain()),
                new Modification(ModificationType.REPLACE, Ad.SERVICE_PRINCIPAL_NAME, "HOST/" + lower,
                        "HOST/" + lower + "." + bed.domain()),
                new Modification(ModificationType.REPLACE, Ad.SUPPORTED_ENCRYPTION_TYPES, "24"),
                new Modification(ModificationType.REPLACE, Ad.OPERATING_SYSTEM, "Windows Server 2022 Datacenter"),
                new Modification(ModificationType.REPLACE, Ad.OPERATING_SYSTEM_VERSION, "10.0 (20348)"));
        SambaTool.run(bed, "user", "setpassword", name + "$", "--newpassword=" + password);
        SambaTool.run(bed, "user", "enable", name + "$");
    }
}
