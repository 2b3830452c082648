package kerbshell.output;

/** How results are printed: for people, or one JSON document per command. */
public enum OutputFormat {
    TEXT, JSON
}
