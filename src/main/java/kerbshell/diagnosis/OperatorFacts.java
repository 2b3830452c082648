package kerbshell.diagnosis;

import java.util.List;

/**
 * The account that starts migrations: whether it can be delegated at all.
 *
 * @param groups every group it is in, nested ones included, by name
 */
record OperatorFacts(String dn, String samAccountName, int userAccountControl, boolean protectedUsers,
                     List<String> groups, Integer supportedEncryptionTypes) {
}
