package kerbshell.delegation;

/** Why "trust this computer for delegation to any service" is dangerous, in the words kerbshell shows before it. */
public final class UnconstrainedDelegation {
    private UnconstrainedDelegation() {
    }

    /** The warning shown before the change is confirmed, and kept in its result. */
    public static String risk(String account) {
        return "unconstrained delegation (TRUSTED_FOR_DELEGATION, 'trust this computer for delegation to any "
                + "service') makes every user who authenticates to " + account + " hand it a forwardable TGT, with "
                + "which " + account + ", or whoever controls it, can act as that user on any service of the forest: "
                + "one domain admin connecting is enough to lose the domain (PingCastle P-UnconstrainedDelegation), "
                + "and Credential Guard, on by default on Windows Server 2025, blocks it anyway; live migration "
                + "needs only constrained delegation: 'delegate pair HOST PARTNER'";
    }
}
