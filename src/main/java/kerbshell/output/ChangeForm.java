package kerbshell.output;

import java.util.Locale;

/**
 * How a planned directory change is shown ({@code --as}): as LDIF (what ldapmodify takes and kerbshell sends),
 * as PowerShell ActiveDirectory-module commands, or as setspn commands, the forms administrators file in change
 * requests. Without {@code --as}, LDIF and PowerShell are shown side by side.
 */
public enum ChangeForm {
    LDIF_AND_POWERSHELL, LDIF, POWERSHELL, SETSPN;

    /** The value of {@code --as}: ldif, powershell or setspn; null when the word is none of them. */
    public static ChangeForm parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "ldif" -> LDIF;
            case "powershell" -> POWERSHELL;
            case "setspn" -> SETSPN;
            default -> null;
        };
    }
}
