package kerbshell.spn;

import java.util.List;

/**
 * One way an SPN leads the KDC to the wrong key, with the accounts involved and the commands that repair it.
 *
 * @param spn      the SPN in conflict, as its first holder holds it
 * @param holders  every account holding it
 * @param shadows  for {@link Kind#SHADOWED}: the SPN whose tickets it takes (HOST/hv02 for cifs/hv02), else null
 * @param shadowed for {@link Kind#SHADOWED}: the accounts holding {@code shadows}, else empty
 * @param rightful the account the SPN's host names, when exactly one does; null when none or several do
 * @param fix      the steps that repair it, in order (empty when no rightful holder is known)
 * @param note     what to do when no command can be given, else null
 */
public record SpnConflict(Kind kind, String spn, List<SpnHolder> holders, String shadows, List<SpnHolder> shadowed,
                          Rightful rightful, List<SpnFix> fix, String note) {

    public enum Kind {
        /** Held by two or more accounts (compared without case): the KDC issues no ticket for it. */
        DUPLICATE("duplicate"),
        /**
         * A service class that sPNMappings maps to HOST, registered explicitly on another account than the one
         * holding HOST/ for the same host: the KDC encrypts its tickets for that other account.
         */
        SHADOWED("shadowed");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * The account an SPN belongs to: the one whose dNSHostName or account name is the SPN's host.
     *
     * @param matchedBy which of its names matched, e.g. "dNSHostName hv02.corp.test"
     * @param holdsIt   whether it holds the SPN (or the SPN that stands in for it) now
     */
    public record Rightful(String account, String dn, String matchedBy, boolean holdsIt) {
    }
}
