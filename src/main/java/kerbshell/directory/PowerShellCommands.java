package kerbshell.directory;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An {@link LdapChange} as the ActiveDirectory-module commands an administrator files in a change request:
 * Set-ADComputer -Add/-Remove for SPNs and constrained delegation, Set-ADAccountControl for delegation bits,
 * -KerberosEncryptionType, -PrincipalsAllowedToDelegateToAccount (RBCD), -DNSHostName, Add/Remove-ADGroupMember.
 * An entry under CN=Computers or OU=Domain Controllers is named by its name (HV01); any other entry by its DN, with
 * Set-ADObject, which works for every class. The LDIF stays the exact form kerbshell sends: a rewrite (delete the
 * old values, set the new set) is shown as the values it removes and adds.
 */
public final class PowerShellCommands {
    private PowerShellCommands() {
    }

    /** A PowerShell single-quoted string: no expansion; a single quote inside is doubled. */
    public static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The lines of PowerShell that make the change. */
    public static List<String> of(LdapChange change) {
        Target target = Target.of(change.dn());
        List<String> lines = new ArrayList<>();
        for (Edit edit : Edit.of(change)) {
            lines.addAll(commands(target, edit));
        }
        return lines;
    }

    private static List<String> commands(Target target, Edit edit) {
        String attribute = edit.attribute();
        if (attribute.equalsIgnoreCase(Ad.USER_ACCOUNT_CONTROL)) {
            return accountControl(target, edit);
        }
        if (attribute.equalsIgnoreCase(Ad.SUPPORTED_ENCRYPTION_TYPES) && edit.replacement() != null
                && target.computer()) {
            return List.of(encryptionTypes(target, edit.replacement()));
        }
        if (attribute.equalsIgnoreCase(Ad.ALLOWED_TO_ACT) && target.computer() && edit.replacement() != null) {
            return List.of(rbcd(target, edit.replacement()));
        }
        if (attribute.equalsIgnoreCase(Ad.DNS_HOST_NAME) && target.computer() && edit.replacement() != null
                && edit.replacement().size() == 1) {
            return List.of(target.set() + " -DNSHostName " + quote(edit.replacement().get(0)));
        }
        if (attribute.equalsIgnoreCase(Ad.MEMBER)) {
            List<String> lines = new ArrayList<>();
            if (!edit.removed().isEmpty()) {
                lines.add("Remove-ADGroupMember -Identity " + target.identity() + " -Members "
                        + list(edit.removed()) + " -Confirm:$false");
            }
            if (!edit.added().isEmpty()) {
                lines.add("Add-ADGroupMember -Identity " + target.identity() + " -Members " + list(edit.added()));
            }
            return lines;
        }
        String name = quote(attribute);
        if (edit.binary()) {
            return List.of("# " + attribute + " is binary: set it with kerbshell or ldapmodify (the LDIF)");
        }
        if (edit.replacement() != null) {
            return List.of(edit.replacement().isEmpty() ? target.set() + " -Clear " + name
                    : target.set() + " -Replace @{" + name + "=" + list(edit.replacement()) + "}");
        }
        List<String> lines = new ArrayList<>();
        if (!edit.removed().isEmpty() && !edit.added().isEmpty()) {
            return List.of(target.set() + " -Remove @{" + name + "=" + list(edit.removed()) + "} -Add @{" + name
                    + "=" + list(edit.added()) + "}");
        }
        if (!edit.removed().isEmpty()) {
            lines.add(target.set() + " -Remove @{" + name + "=" + list(edit.removed()) + "}");
        }
        if (!edit.added().isEmpty()) {
            lines.add(target.set() + " -Add @{" + name + "=" + list(edit.added()) + "}");
        }
        return lines;
    }

    private static final int[][] NAMED_BITS = {
            {Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION}, {Ad.UAC_TRUSTED_FOR_DELEGATION}, {Ad.UAC_NOT_DELEGATED}};
    private static final String[] BIT_PARAMETERS = {
            "-TrustedToAuthForDelegation", "-TrustedForDelegation", "-AccountNotDelegated"};

    private static List<String> accountControl(Target target, Edit edit) {
        List<String> lines = new ArrayList<>();
        if (edit.before() == null || edit.after() == null) {
            return List.of(target.setObject() + " -Replace @{'userAccountControl'=" + String.join(",",
                    edit.replacement() == null ? edit.added() : edit.replacement()) + "}");
        }
        int before = edit.before();
        int after = edit.after();
        int changed = before ^ after;
        for (int i = 0; i < NAMED_BITS.length; i++) {
            int bit = NAMED_BITS[i][0];
            if ((changed & bit) != 0) {
                lines.add("Set-ADAccountControl -Identity " + target.identity() + " " + BIT_PARAMETERS[i] + " "
                        + ((after & bit) != 0 ? "$true" : "$false"));
                changed &= ~bit;
            }
        }
        if ((changed & Ad.UAC_ACCOUNTDISABLE) != 0) {
            lines.add(((after & Ad.UAC_ACCOUNTDISABLE) != 0 ? "Disable-ADAccount" : "Enable-ADAccount")
                    + " -Identity " + target.identity());
            changed &= ~Ad.UAC_ACCOUNTDISABLE;
        }
        if (changed != 0) {
            lines.add(target.setObject() + " -Replace @{'userAccountControl'=" + after + "}");
        }
        return lines;
    }

    private static String encryptionTypes(Target target, List<String> values) {
        if (values.isEmpty()) {
            return target.set() + " -Clear 'msDS-SupportedEncryptionTypes'";
        }
        int types = Integer.parseInt(values.get(0));
        if ((types & ~0x1F) != 0 || types == 0) {
            return target.set() + " -Replace @{'msDS-SupportedEncryptionTypes'=" + types + "}";
        }
        List<String> names = new ArrayList<>();
        if ((types & 0x3) != 0) {
            names.add("DES");
        }
        if ((types & 0x4) != 0) {
            names.add("RC4");
        }
        if ((types & 0x8) != 0) {
            names.add("AES128");
        }
        if ((types & 0x10) != 0) {
            names.add("AES256");
        }
        return target.set() + " -KerberosEncryptionType " + String.join(",", names);
    }

    private static String rbcd(Target target, List<String> values) {
        Set<String> sids = new LinkedHashSet<>();
        for (String value : values) {
            for (SecurityDescriptor.Ace ace : SecurityDescriptor.decode(Base64.getDecoder().decode(value)).aces()) {
                if (ace.type() == SecurityDescriptor.Ace.ACCESS_ALLOWED) {
                    ace.sid().ifPresent(sid -> sids.add(sid.toString()));
                }
            }
        }
        return target.set() + " -PrincipalsAllowedToDelegateToAccount "
                + (sids.isEmpty() ? "$null" : list(List.copyOf(sids)));
    }

    private static String list(List<String> values) {
        return String.join(",", values.stream().map(PowerShellCommands::quote).toList());
    }

    /** The entry a command names: a computer by its name, anything else by its DN. */
    record Target(String name, String dn, boolean computer) {
        static Target of(String dn) {
            String[] parts = dn.split("(?<!\\\\),", 2);
            String lower = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT).replace(" ", "") : "";
            boolean computer = lower.startsWith("cn=computers,") || lower.startsWith("ou=domaincontrollers,");
            String rdn = parts[0];
            String name = rdn.substring(rdn.indexOf('=') + 1);
            return new Target(name, dn, computer);
        }

        String identity() {
            return computer ? name : quote(dn);
        }

        String set() {
            return computer ? "Set-ADComputer -Identity " + name : setObject();
        }

        String setObject() {
            return "Set-ADObject -Identity " + quote(dn);
        }
    }

    /**
     * One attribute's change: the values removed and added, or the set it becomes; userAccountControl (an integer
     * swapped old for new) also as its two numbers.
     */
    record Edit(String attribute, List<String> removed, List<String> added, List<String> replacement,
                boolean binary) {
        Integer before() {
            return removed.size() == 1 ? Integer.valueOf(removed.get(0)) : null;
        }

        Integer after() {
            return replacement != null && replacement.size() == 1 ? Integer.valueOf(replacement.get(0))
                    : added.size() == 1 ? Integer.valueOf(added.get(0)) : null;
        }

        static List<Edit> of(LdapChange change) {
            List<String> attributes = new ArrayList<>();
            change.steps().forEach(s -> {
                if (attributes.stream().noneMatch(a -> a.equalsIgnoreCase(s.attribute()))) {
                    attributes.add(s.attribute());
                }
            });
            List<Edit> edits = new ArrayList<>();
            for (String attribute : attributes) {
                List<String> removed = new ArrayList<>();
                List<String> added = new ArrayList<>();
                List<String> replacement = null;
                boolean binary = false;
                for (LdapChange.Step step : change.steps()) {
                    if (!step.attribute().equalsIgnoreCase(attribute)) {
                        continue;
                    }
                    binary |= step.binary();
                    switch (step.operation()) {
                        case "add" -> added.addAll(step.values());
                        case "delete" -> removed.addAll(step.values());
                        default -> replacement = step.values();
                    }
                }
                if (removed.isEmpty() && added.isEmpty() && replacement == null) {
                    continue;
                }
                boolean singleValued = attribute.equalsIgnoreCase(Ad.USER_ACCOUNT_CONTROL)
                        || attribute.equalsIgnoreCase(Ad.SUPPORTED_ENCRYPTION_TYPES)
                        || attribute.equalsIgnoreCase(Ad.DNS_HOST_NAME) || attribute.equalsIgnoreCase(Ad.ALLOWED_TO_ACT);
                if (replacement != null && !singleValued) {
                    // A rewrite: shown as what it takes away and puts in, the value-level form Windows accepts.
                    List<String> set = replacement;
                    List<String> gone = removed.stream().filter(v -> !set.contains(v)).toList();
                    List<String> fresh = set.stream().filter(v -> !removed.contains(v)).toList();
                    edits.add(new Edit(attribute, gone, fresh, null, binary));
                } else if (singleValued && replacement == null && removed.size() <= 1 && added.size() <= 1
                        && !(added.isEmpty() && attribute.equalsIgnoreCase(Ad.USER_ACCOUNT_CONTROL))) {
                    edits.add(new Edit(attribute, removed, added, List.copyOf(added), binary));
                } else {
                    edits.add(new Edit(attribute, removed, added, replacement, binary));
                }
            }
            return edits;
        }
    }
}
