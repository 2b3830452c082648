package kerbshell.kerberos;

import kerbshell.error.KerbshellException;
import org.apache.kerby.kerberos.kerb.ccache.CredentialCache;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Whose credentials a keytab or ticket cache holds, read from the file itself (Kerby's parsers of the MIT
 * formats), so that the session binds, shows and journals the principal the DC will actually authenticate, never
 * a name the operator typed beside it.
 */
public final class CredentialFiles {
    private CredentialFiles() {
    }

    /** The principals a keytab has keys for, as name@REALM, in file order without repeats. */
    public static List<String> keytabPrincipals(Path keytab) {
        try {
            return Keytab.loadKeytab(keytab.toFile()).getPrincipals().stream().map(PrincipalName::getName)
                    .distinct().toList();
        } catch (IOException | RuntimeException e) {
            throw KerbshellException.usage("cannot read the keytab " + keytab + " (" + e.getMessage()
                    + "): give a keytab file made by ktutil or ktpass");
        }
    }

    /** The principal a ticket cache belongs to (its default principal), as name@REALM. */
    public static String ccachePrincipal(Path ccache) {
        try {
            CredentialCache cache = new CredentialCache();
            cache.load(ccache.toFile());
            PrincipalName principal = cache.getPrimaryPrincipal();
            if (principal == null) {
                throw new IOException("it names no principal");
            }
            return principal.getName();
        } catch (IOException | RuntimeException e) {
            throw KerbshellException.usage("cannot read the ticket cache " + ccache + " (" + e.getMessage()
                    + "): run kinit with KRB5CCNAME=FILE:" + ccache + ", or give another --ccache");
        }
    }
}
