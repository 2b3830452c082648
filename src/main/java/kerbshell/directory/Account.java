package kerbshell.directory;

import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * An account as the resolver found it: enough to name it in messages and to decide what it is.
 *
 * @param name the sAMAccountName without the trailing $ of computer accounts: what people call the host
 */
public record Account(String dn, String samAccountName, String name, String dnsHostName, String sid,
                      boolean computer, boolean group, int userAccountControl) implements Renderable {

    static final String[] ATTRIBUTES = {Ad.SAM_ACCOUNT_NAME, Ad.DNS_HOST_NAME, Ad.OBJECT_SID, Ad.OBJECT_CLASS,
            Ad.USER_ACCOUNT_CONTROL};

    static Account from(SearchResultEntry entry) {
        String sam = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
        byte[] sid = entry.getAttributeValueBytes(Ad.OBJECT_SID);
        Integer uac = entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        return new Account(entry.getDN(), sam, sam == null ? null : sam.replaceFirst("\\$$", ""),
                entry.getAttributeValue(Ad.DNS_HOST_NAME), sid == null ? null : Sid.fromBytes(sid).value(),
                entry.hasObjectClass(Ad.CLASS_COMPUTER), entry.hasObjectClass(Ad.CLASS_GROUP),
                uac == null ? 0 : uac);
    }

    /** A domain controller's account: a writable DC or a read-only one. */
    public boolean domainController() {
        return Ad.isDomainController(userAccountControl);
    }

    public boolean enabled() {
        return (userAccountControl & Ad.UAC_ACCOUNTDISABLE) == 0;
    }

    public String kind() {
        return computer ? "computer" : group ? "group" : "user";
    }

    @Override
    public void renderText(TextOut out) {
        out.field("name", samAccountName, 12).field("kind", kind() + (enabled() ? "" : " (disabled)"), 12)
                .field("DN", dn, 12).field("DNS name", dnsHostName, 12).field("SID", sid, 12);
    }

    /** The host's short and DNS names, the two forms SPNs use. */
    public List<String> hostNames() {
        return dnsHostName == null ? List.of(name) : List.of(name, dnsHostName);
    }
}
