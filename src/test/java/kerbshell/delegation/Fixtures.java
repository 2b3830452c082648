package kerbshell.delegation;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.Account;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts delegation tests change, and what they looked like before: restored after every test, because the
 * Samba test bed is shared by every test class of the JVM.
 */
final class Fixtures {
    private final DirectorySession session;
    private final Map<String, Integer> uac = new HashMap<>();
    private final Map<String, String> dns = new HashMap<>();

    Fixtures(DirectorySession session, String... names) {
        this.session = session;
        AccountResolver accounts = new AccountResolver(session);
        for (String name : names) {
            Account account = accounts.resolve(name);
            dns.put(name, account.dn());
            uac.put(name, account.userAccountControl());
        }
    }

    String dn(String name) {
        return dns.get(name);
    }

    /** Back to the recorded userAccountControl, no delegation list, and no descriptor where the DC lets us. */
    void restore(boolean descriptorToo) throws LDAPException {
        for (String name : dns.keySet()) {
            List<Modification> mods = new ArrayList<>();
            SearchResultEntry entry = session.ldap().getEntry(dns.get(name), Ad.USER_ACCOUNT_CONTROL,
                    Ad.ALLOWED_TO_DELEGATE_TO, Ad.ALLOWED_TO_ACT);
            if (!uac.get(name).equals(entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL))) {
                mods.add(new Modification(ModificationType.REPLACE, Ad.USER_ACCOUNT_CONTROL,
                        String.valueOf(uac.get(name))));
            }
            if (entry.hasAttribute(Ad.ALLOWED_TO_DELEGATE_TO)) {
                mods.add(new Modification(ModificationType.REPLACE, Ad.ALLOWED_TO_DELEGATE_TO));
            }
            if (descriptorToo && entry.hasAttribute(Ad.ALLOWED_TO_ACT)) {
                mods.add(new Modification(ModificationType.REPLACE, Ad.ALLOWED_TO_ACT));
            }
            if (!mods.isEmpty()) {
                session.ldap().modify(dns.get(name), mods);
            }
        }
    }

    int uacOf(String name) throws LDAPException {
        return session.ldap().getEntry(dns.get(name), Ad.USER_ACCOUNT_CONTROL)
                .getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
    }

    List<String> targetsOf(String name) throws LDAPException {
        String[] values = session.ldap().getEntry(dns.get(name), Ad.ALLOWED_TO_DELEGATE_TO)
                .getAttributeValues(Ad.ALLOWED_TO_DELEGATE_TO);
        return values == null ? List.of() : List.of(values);
    }

    /** Sets or clears userAccountControl bits as someone else would, with a plain replace. */
    void flipUac(String name, int bits) throws LDAPException {
        int now = uacOf(name);
        session.ldap().modify(dns.get(name), new Modification(ModificationType.REPLACE, Ad.USER_ACCOUNT_CONTROL,
                String.valueOf(now ^ bits)));
    }
}
