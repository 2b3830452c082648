package kerbshell.lab;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.SearchResultEntry;
import kerbshell.directory.SecurityDescriptor;
import kerbshell.directory.Ad;
import kerbshell.directory.Sid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a Hyper-V host has cached of its own account: its SPNs and its Kerberos delegation, as they stood when its
 * Virtual Machine Management service last started. A host keeps using this view (and the tickets got with it)
 * until VMMS restarts and its tickets are purged, which is why a fix made in the directory can look as if it did
 * nothing. The lab records one per computer account ({@code LabDomain.cachedView}); compare it with the directory
 * through {@link #changesSince}.
 *
 * @param spns                 servicePrincipalName, sorted without regard to case
 * @param allowedToDelegateTo  msDS-AllowedToDelegateTo (constrained delegation targets), sorted likewise
 * @param userAccountControl   the account's UAC flags (delegation bits: {@link #unconstrained},
 *                             {@link #protocolTransition})
 * @param allowedToActSids     the SIDs that msDS-AllowedToActOnBehalfOfOtherIdentity allows to delegate to this host
 *                             (resource-based constrained delegation), sorted
 * @param asOf                 when the view was taken: the lab's start or reset, or the last {@code vmms restart}
 */
public record HostView(String dn, String account, List<String> spns, List<String> allowedToDelegateTo,
                       int userAccountControl, List<String> allowedToActSids, Instant asOf) {

    private static final String[] ATTRIBUTES = {Ad.SAM_ACCOUNT_NAME, Ad.SERVICE_PRINCIPAL_NAME, Ad.ALLOWED_TO_DELEGATE_TO,
            Ad.USER_ACCOUNT_CONTROL, Ad.ALLOWED_TO_ACT};

    public HostView {
        spns = List.copyOf(spns);
        allowedToDelegateTo = List.copyOf(allowedToDelegateTo);
        allowedToActSids = List.copyOf(allowedToActSids);
    }

    /** The account's view as the directory holds it now; empty when there is no such entry. */
    public static Optional<HostView> read(LDAPInterface ldap, String dn, Instant asOf) throws LDAPException {
        SearchResultEntry entry = ldap.getEntry(dn, ATTRIBUTES);
        return entry == null ? Optional.empty() : Optional.of(of(entry, asOf));
    }

    /** The attributes a view is made of, to read entries with. */
    public static String[] attributes() {
        return ATTRIBUTES.clone();
    }

    /** The view held in an entry read with at least {@link #attributes()}. */
    public static HostView of(SearchResultEntry entry, Instant asOf) {
        Integer uac = entry.getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        return new HostView(entry.getDN(), entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME),
                sorted(entry.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME)),
                sorted(entry.getAttributeValues(Ad.ALLOWED_TO_DELEGATE_TO)), uac == null ? 0 : uac,
                allowedSids(entry.getAttributeValueBytes(Ad.ALLOWED_TO_ACT)), asOf);
    }

    /** "Trust this computer for delegation to any service". */
    public boolean unconstrained() {
        return (userAccountControl & Ad.UAC_TRUSTED_FOR_DELEGATION) != 0;
    }

    /** Constrained delegation with "use any authentication protocol". */
    public boolean protocolTransition() {
        return (userAccountControl & Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION) != 0;
    }

    /** One short line: how many SPNs, and the delegation. */
    public String summary() {
        StringBuilder text = new StringBuilder().append(spns.size()).append(spns.size() == 1 ? " SPN" : " SPNs");
        if (unconstrained()) {
            text.append(", unconstrained delegation");
        }
        if (!allowedToDelegateTo.isEmpty()) {
            text.append(", constrained delegation to ").append(allowedToDelegateTo.size()).append(" SPN")
                    .append(allowedToDelegateTo.size() == 1 ? "" : "s")
                    .append(protocolTransition() ? " (any protocol)" : " (Kerberos only)");
        }
        if (!allowedToActSids.isEmpty()) {
            text.append(", resource-based delegation from ").append(allowedToActSids.size()).append(" account")
                    .append(allowedToActSids.size() == 1 ? "" : "s");
        }
        if (!unconstrained() && allowedToDelegateTo.isEmpty() && allowedToActSids.isEmpty()) {
            text.append(", no delegation");
        }
        return text.toString();
    }

    /**
     * What this (newer) view has that {@code older} did not, and the reverse: one line per difference, "+" for
     * added and "-" for removed, e.g. {@code + msDS-AllowedToDelegateTo: cifs/hv02.lab.test}. Empty when equal.
     */
    public List<String> changesSince(HostView older) {
        List<String> changes = new ArrayList<>();
        difference(Ad.SERVICE_PRINCIPAL_NAME, older.spns, spns, changes);
        difference(Ad.ALLOWED_TO_DELEGATE_TO, older.allowedToDelegateTo, allowedToDelegateTo, changes);
        flag("trusted for delegation to any service", older.unconstrained(), unconstrained(), changes);
        flag("protocol transition (any authentication protocol)", older.protocolTransition(), protocolTransition(),
                changes);
        difference(Ad.ALLOWED_TO_ACT, older.allowedToActSids, allowedToActSids, changes);
        return changes;
    }

    private static void difference(String attribute, List<String> before, List<String> after, List<String> out) {
        TreeSet<String> old = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        old.addAll(before);
        TreeSet<String> now = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        now.addAll(after);
        now.stream().filter(v -> !old.contains(v)).forEach(v -> out.add("+ " + attribute + ": " + v));
        old.stream().filter(v -> !now.contains(v)).forEach(v -> out.add("- " + attribute + ": " + v));
    }

    private static void flag(String what, boolean before, boolean after, List<String> out) {
        if (before != after) {
            out.add((after ? "+ " : "- ") + what);
        }
    }

    private static List<String> sorted(String[] values) {
        if (values == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>(Arrays.asList(values));
        list.sort(String.CASE_INSENSITIVE_ORDER);
        return list;
    }

    private static List<String> allowedSids(byte[] descriptor) {
        if (descriptor == null || descriptor.length == 0) {
            return List.of();
        }
        try {
            return SecurityDescriptor.decode(descriptor).aces().stream().filter(SecurityDescriptor.Ace::allows)
                    .map(SecurityDescriptor.Ace::sid).flatMap(Optional::stream).map(Sid::value).sorted().toList();
        } catch (IllegalArgumentException e) {
            return List.of("unreadable security descriptor: " + e.getMessage());
        }
    }
}
