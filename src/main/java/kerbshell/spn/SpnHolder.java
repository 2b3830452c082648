package kerbshell.spn;

/** An account holding an SPN, as the forest-wide search found it. */
public record SpnHolder(String spn, String account, String dn) {
}
