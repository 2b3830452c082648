package kerbshell.rules;

/** How bad a finding is: a blocker makes the migration fail; a warning is a risk or a partial failure. */
public enum Severity {
    BLOCKER, WARNING, INFO
}
