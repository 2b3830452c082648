package kerbshell.spn;

/** What happened, or would happen, to one SPN of a request. */
public record SpnOutcome(String spn, Result result, String detail) {

    public enum Result {
        ADDED("added"), WOULD_ADD("would add"), ALREADY_PRESENT("already present"),
        HELD_ELSEWHERE("held by another account"), REMOVED("removed"), WOULD_REMOVE("would remove"),
        NOT_HELD("not held"), DUPLICATE("duplicate"), NAMES_ANOTHER_HOST("names another host");

        private final String words;

        Result(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }
}
