package kerbshell.account;

import kerbshell.directory.SecurityDescriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * An account's resource-based constrained delegation (msDS-AllowedToActOnBehalfOfOtherIdentity), decoded once.
 * A descriptor kerbshell cannot decode is kept as {@code unreadable} with the reason: the rule book reports it,
 * because "allows nobody" would be a guess that can hide a delegation path or a dangerous grant.
 *
 * @param allowedSids the SIDs an access-allowed ACE grants, in the descriptor's order
 * @param deniedSids  the SIDs an access-denied ACE names (a deny wins over an allow)
 * @param unreadable  why the descriptor could not be decoded, or null
 */
public record Rbcd(boolean present, List<String> allowedSids, List<String> deniedSids, String unreadable) {
    public static final Rbcd NONE = new Rbcd(false, List.of(), List.of(), null);

    public Rbcd {
        allowedSids = List.copyOf(allowedSids);
        deniedSids = List.copyOf(deniedSids);
    }

    public static Rbcd decode(byte[] value) {
        if (value == null) {
            return NONE;
        }
        try {
            List<String> allowed = new ArrayList<>();
            List<String> denied = new ArrayList<>();
            for (SecurityDescriptor.Ace ace : SecurityDescriptor.decode(value).aces()) {
                ace.sid().ifPresent(sid -> (ace.denies() ? denied : ace.allows() ? allowed : new ArrayList<String>())
                        .add(sid.value()));
            }
            return new Rbcd(true, allowed, denied, null);
        } catch (IllegalArgumentException e) {
            return new Rbcd(true, List.of(), List.of(), e.getMessage());
        }
    }

    public static Rbcd allowing(String... sids) {
        return new Rbcd(true, List.of(sids), List.of(), null);
    }

    public static Rbcd unreadable(String why) {
        return new Rbcd(true, List.of(), List.of(), why);
    }

    public boolean readable() {
        return unreadable == null;
    }

    /** Whether the descriptor lets the account with this SID delegate to its owner. */
    public boolean allows(String sid) {
        return sid != null && readable() && allowedSids.contains(sid) && !deniedSids.contains(sid);
    }
}
