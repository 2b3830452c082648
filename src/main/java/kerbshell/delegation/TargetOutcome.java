package kerbshell.delegation;

/**
 * What happened, or would happen, to one msDS-AllowedToDelegateTo entry, and where the KDC finds its SPN.
 *
 * @param heldBy the account holding the SPN (or the HOST/ SPN it maps to), null when no account does
 * @param via    the SPN actually held when the KDC reaches this one through sPNMappings (cifs/ through HOST/)
 */
public record TargetOutcome(String spn, Result result, String heldBy, String via) {

    public enum Result {
        ADDED("added"), WOULD_ADD("would add"), ALREADY_PRESENT("already present"), REMOVED("removed"),
        WOULD_REMOVE("would remove"), NOT_PRESENT("not present");

        private final String words;

        Result(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    String heldByWords() {
        if (heldBy == null) {
            return "no account";
        }
        return via == null ? heldBy : heldBy + " (through " + via + ")";
    }
}
