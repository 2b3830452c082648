package kerbshell.spn;

/**
 * An account holding an SPN, as a forest-wide search found it.
 *
 * @param spn         the value as the account holds it (its case may differ from the one asked for)
 * @param account     the sAMAccountName (the DN when the entry has none)
 * @param dnsHostName the account's dNSHostName, null when unset: with the account name it tells the SPN's rightful
 *                    holder ({@link SpnOwnership#rightfulAccount})
 */
public record SpnHolder(String spn, String account, String dn, String dnsHostName) {

    public SpnHolder(String spn, String account, String dn) {
        this(spn, account, dn, null);
    }

    /** The same account holding another of its SPNs. */
    SpnHolder holding(String otherSpn) {
        return new SpnHolder(otherSpn, account, dn, dnsHostName);
    }

    boolean sameAccount(SpnHolder other) {
        return dn.equalsIgnoreCase(other.dn);
    }
}
