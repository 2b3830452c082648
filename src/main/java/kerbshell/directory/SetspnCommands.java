package kerbshell.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link LdapChange} as setspn commands: {@code setspn -S} (which refuses a duplicate) for an SPN added,
 * {@code setspn -D} for one removed. setspn writes only servicePrincipalName; for any other attribute the lines
 * say so and give the PowerShell instead.
 */
public final class SetspnCommands {
    private SetspnCommands() {
    }

    public static List<String> of(LdapChange change) {
        PowerShellCommands.Target target = PowerShellCommands.Target.of(change.dn());
        String account = target.computer() ? target.name() : quote(target.dn());
        List<String> lines = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (PowerShellCommands.Edit edit : PowerShellCommands.Edit.of(change)) {
            if (!edit.attribute().equalsIgnoreCase(Ad.SERVICE_PRINCIPAL_NAME)) {
                others.add(edit.attribute());
                continue;
            }
            edit.removed().forEach(spn -> lines.add("setspn -D " + quote(spn) + " " + account));
            edit.added().forEach(spn -> lines.add("setspn -S " + quote(spn) + " " + account));
        }
        if (!others.isEmpty()) {
            lines.add("# setspn cannot change " + String.join(", ", others) + "; in PowerShell:");
            lines.addAll(PowerShellCommands.of(withoutSpns(change)));
        }
        return lines;
    }

    private static LdapChange withoutSpns(LdapChange change) {
        return new LdapChange(change.dn(), change.steps().stream()
                .filter(s -> !s.attribute().equalsIgnoreCase(Ad.SERVICE_PRINCIPAL_NAME)).toList());
    }

    /** cmd.exe's double quotes: an SPN has no quote or space of its own. */
    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
