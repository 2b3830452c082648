package kerbshell.directory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
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

    /**
     * One modification: add or delete exactly these values of one attribute, or (operation "replace", only where a
     * DC refuses the value-level form, see {@link #rewrite}) set the attribute to exactly these values. Binary values (a security
     * descriptor) are carried in base64, the form LDIF writes them in, and sent as their bytes.
     */
    public record Step(String operation, String attribute, List<String> values,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean binary) {
        public Step(String operation, String attribute, List<String> values) {
            this(operation, attribute, values, false);
        }

        /** A replace step sets the attribute to its values (none: removes the attribute). */
        @JsonIgnore
        public boolean replaces() {
            return operation.equals("replace");
        }
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

    /**
     * Rewrites an attribute's set as read a moment before: deletes the exact old values the DC accepts to name,
     * then sets the new set, in one modify. For a value the DC refuses to delete by name (Samba refuses the
     * value-level delete of an SPN another account also holds): a value removed by someone else since the read
     * makes the whole modify fail instead of being lost; a value added in the same moment would be dropped.
     */
    public static LdapChange rewrite(String dn, String attribute, List<String> oldValues, List<String> newSet) {
        return new LdapChange(dn, List.of(new Step("delete", attribute, List.copyOf(oldValues)),
                new Step("replace", attribute, List.copyOf(newSet))));
    }

    /** Adds one binary value, such as a security descriptor. */
    public static LdapChange addBinary(String dn, String attribute, byte[] value) {
        return new LdapChange(dn, List.of(binaryStep("add", attribute, value)));
    }

    /** Deletes exactly this binary value. */
    public static LdapChange deleteBinary(String dn, String attribute, byte[] value) {
        return new LdapChange(dn, List.of(binaryStep("delete", attribute, value)));
    }

    /** {@link #swap} for a binary value. */
    public static LdapChange swapBinary(String dn, String attribute, byte[] oldValue, byte[] newValue) {
        return new LdapChange(dn, List.of(binaryStep("delete", attribute, oldValue),
                binaryStep("add", attribute, newValue)));
    }

    /** This change and {@code other}, to the same entry, as one modify: the DC applies all of it or none. */
    public LdapChange plus(LdapChange other) {
        if (!other.dn().equalsIgnoreCase(dn)) {
            throw new IllegalArgumentException("one modify changes one entry: " + dn + " and " + other.dn());
        }
        List<Step> all = new ArrayList<>(steps);
        all.addAll(other.steps());
        return new LdapChange(dn, List.copyOf(all));
    }

    private static Step binaryStep(String operation, String attribute, byte[] value) {
        return new Step(operation, attribute, List.of(Base64.getEncoder().encodeToString(value)), true);
    }

    public boolean isEmpty() {
        return steps.stream().allMatch(s -> s.values().isEmpty() && !s.replaces());
    }

    public ModifyRequest toRequest() {
        List<Modification> mods = new ArrayList<>();
        for (Step step : steps) {
            if (!step.values().isEmpty() || step.replaces()) {
                ModificationType type = step.operation().equals("add") ? ModificationType.ADD
                        : step.replaces() ? ModificationType.REPLACE : ModificationType.DELETE;
                mods.add(step.binary()
                        ? new Modification(type, step.attribute(),
                                step.values().stream().map(Base64.getDecoder()::decode).toArray(byte[][]::new))
                        : new Modification(type, step.attribute(), step.values().toArray(String[]::new)));
            }
        }
        return new ModifyRequest(dn, mods);
    }

    /**
     * The change in the form the output asks for ({@code --as}): LDIF, PowerShell, setspn, or (by default) LDIF
     * with the PowerShell beside it.
     */
    public void render(TextOut out) {
        switch (out.changeForm()) {
            case LDIF -> renderLdif(out);
            case POWERSHELL -> PowerShellCommands.of(this).forEach(out::line);
            case SETSPN -> SetspnCommands.of(this).forEach(out::line);
            case LDIF_AND_POWERSHELL -> {
                renderLdif(out);
                out.line("# in PowerShell (ActiveDirectory module):");
                PowerShellCommands.of(this).forEach(out::line);
            }
        }
    }

    /** The change as LDIF, the form ldapmodify takes. */
    public void renderLdif(TextOut out) {
        out.line("dn: " + dn).line("changetype: modify");
        for (Step step : steps) {
            if (step.values().isEmpty() && !step.replaces()) {
                continue;
            }
            out.line(step.operation() + ": " + step.attribute());
            for (String value : step.values()) {
                if (step.binary()) {
                    out.line(step.attribute() + ":: " + value);
                    continue;
                }
                boolean safe = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !value.startsWith(" ")
                        && !value.startsWith(":") && !value.startsWith("<");
                out.line(step.attribute() + (safe ? ": " + value
                        : ":: " + Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
            out.line("-");
        }
    }
}
