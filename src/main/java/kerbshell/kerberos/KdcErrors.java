package kerbshell.kerberos;

import org.apache.kerby.kerberos.kerb.KrbErrorCode;

/**
 * Plain sentences for the Kerberos error codes a KDC answers when kerbshell asks it for tickets, in the words of
 * the AD administrator who has to act on them.
 */
final class KdcErrors {
    /** AD and Samba answer a wrong password with 24; Kerby's KDC with 31. Both mean the same to the user. */
    static final int PREAUTH_FAILED = 24;
    static final int BAD_INTEGRITY = 31;

    private KdcErrors() {
    }

    static boolean isWrongPassword(KrbErrorCode code) {
        return code.getValue() == PREAUTH_FAILED || code.getValue() == BAD_INTEGRITY;
    }

    static String wrongPassword(String principal) {
        return "wrong password for " + principal;
    }

    /**
     * Kerberos names hosts by DNS name: an SPN with an address in it (cifs/10.0.0.5) is found only where someone
     * registered that very string, which AD does not do by itself.
     */
    static String addressSpn(String spn) {
        String host = HostNames.hostOfSpn(spn);
        return "Kerberos needs the host's DNS name, and " + spn + " names the address " + host + ", which no account "
                + "holds as an SPN: ask for " + spn.substring(0, spn.indexOf('/') + 1) + "<the host's DNS name> (its "
                + "computer account's dNSHostName)";
    }

    /** What a refusal means, naming the client or SPN it is about; {@code text} is the KDC's own e-text, if any. */
    static String explain(KrbErrorCode code, String client, String spn, String text) {
        return switch (code.getValue()) {
            case 6 -> "the KDC knows no account named " + client;
            case 7 -> spn != null && HostNames.isAddress(HostNames.hostOfSpn(spn))
                    ? addressSpn(spn)
                    : "the KDC has no single enabled account holding " + spn + ": no account holds it, more than "
                    + "one does, or its holder is disabled";
            case 8 -> "more than one account answers to " + (spn == null ? client : spn);
            case 9 -> "the account behind " + (spn == null ? client : spn) + " has no key the KDC can use";
            case 12 -> "a KDC policy refused the request (logon hours, workstation or authentication policy "
                    + "restrictions, or Protected Users)";
            case 13 -> "the KDC cannot grant an option the request asked for; for delegation this means the target "
                    + "is not one the account may delegate to";
            case 14 -> "the KDC and the account share no encryption type; allow AES in msDS-SupportedEncryptionTypes "
                    + "and reset the account's password so that it gets AES keys";
            case 18 -> "the account " + client + " is disabled, locked out or expired";
            case 23 -> "the password of " + client + " has expired and must be changed";
            case PREAUTH_FAILED, BAD_INTEGRITY -> wrongPassword(client);
            case 32 -> "the ticket-granting ticket of " + client + " has expired; log on again";
            case 37 -> "this machine's clock and the KDC's differ by more than the allowed skew (5 minutes by "
                    + "default); synchronise the clocks";
            case 41 -> "the KDC could not verify the request; the ticket-granting ticket may be from an earlier "
                    + "key of the KDC, so log on again";
            case 68 -> "the KDC does not serve the realm of " + (spn == null ? client : spn);
            default -> code.getMessage() + (text == null || text.isBlank() ? "" : " (" + text + ")");
        };
    }
}
