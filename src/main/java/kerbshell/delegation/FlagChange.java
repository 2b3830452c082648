package kerbshell.delegation;

/**
 * One userAccountControl delegation flag before and after a command.
 *
 * @param flag    the flag's AD name, e.g. TRUSTED_TO_AUTH_FOR_DELEGATION
 * @param meaning what the Delegation tab calls it
 */
public record FlagChange(String flag, String meaning, boolean before, boolean after) {

    boolean changed() {
        return before != after;
    }

    String words() {
        return (before ? "on" : "off") + (changed() ? " -> " + (after ? "on" : "off") : " (unchanged)");
    }
}
