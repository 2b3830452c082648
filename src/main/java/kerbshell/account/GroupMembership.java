package kerbshell.account;

/**
 * A group an account is in, directly or through nested groups.
 *
 * @param via the account's direct group through which this membership comes: the group itself when direct; the
 *            group to take the account out of to end the membership
 */
public record GroupMembership(String dn, String name, String sid, String via, String viaName) {

    public boolean direct() {
        return dn.equalsIgnoreCase(via);
    }

    /** Whether this is the domain group with this well-known RID (Protected Users is 525). */
    public boolean hasRid(int rid) {
        return sid != null && sid.startsWith("S-1-5-21-") && sid.endsWith("-" + rid);
    }
}
