package kerbshell.directory;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import kerbshell.output.TextOut;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One LDAP modify as kerbshell will send it: the entry, and value-level adds and deletes. What {@code --dry-run}
 * prints (as LDIF), and what is sent otherwise, are the same object.
 */
public record LdapChange(String dn, List<Step> steps) {

    /** One modification: add or delete exactly these values of one attribute. */
    public record Step(String operation, String attribute, List<String> values) {
    }

    public static LdapChange add(String dn, String attribute, List<String> values) {
        return new LdapChange(dn, List.of(new Step("add", attribute, List.copyOf(values))));
    }

    public static LdapChange delete(String dn, String attribute, List<String> values) {
        return new LdapChange(dn, List.of(new Step("delete", attribute, List.copyOf(values))));
    }

    /** Delete the exact old value and add the new one in one modify: a concurrent change makes it fail. */
    public static LdapChange swap(String dn, String attribute, String oldValue, String newValue) {
        return new LdapChange(dn, List.of(new Step("delete", attribute, List.of(oldValue)),
                new Step("add", attribute, List.of(newValue))));
    }

    public boolean isEmpty() {
        return steps.stream().allMatch(s -> s.values().isEmpty());
    }

    public ModifyRequest toRequest() {
        List<Modification> mods = new ArrayList<>();
        for (Step step : steps) {
            if (!step.values().isEmpty()) {
                ModificationType type = step.operation().equals("add") ? ModificationType.ADD : ModificationType.DELETE;
                mods.add(new Modification(type, step.attribute(), step.values().toArray(String[]::new)));
            }
        }
        return new ModifyRequest(dn, mods);
    }

    /** The change as LDIF, the form ldapmodify takes. */
    public void renderLdif(TextOut out) {
        out.line("dn: " + dn).line("changetype: modify");
        for (Step step : steps) {
            if (step.values().isEmpty()) {
                continue;
            }
            out.line(step.operation() + ": " + step.attribute());
            for (String value : step.values()) {
                boolean safe = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !value.startsWith(" ")
                        && !value.startsWith(":") && !value.startsWith("<");
                out.line(step.attribute() + (safe ? ": " + value
                        : ":: " + Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
            out.line("-");
        }
    }
}
