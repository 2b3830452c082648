package kerbshell.directory;

import java.util.List;

/** A result that carries the LDAP changes it made or, in a dry run, would make: what a recipe's plan shows. */
public interface ChangeSet {
    List<LdapChange> plannedChanges();
}
