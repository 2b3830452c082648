package kerbshell.diagnosis;

import kerbshell.error.KerbshellException;

import java.util.Arrays;
import java.util.List;

/**
 * The hosts a multi-host check is about: named hosts, the computers in a group, or the computers below an OU.
 * Exactly one is given.
 */
public record HostSet(List<String> names, String group, String ou) {

    public HostSet {
        names = names == null ? List.of() : List.copyOf(names);
        int given = (names.isEmpty() ? 0 : 1) + (group != null ? 1 : 0) + (ou != null ? 1 : 0);
        if (given != 1) {
            throw KerbshellException.usage("name the hosts, or give a group or an OU (one of them)");
        }
    }

    /**
     * One argument of {@code check clusters}: {@code HV01,HV02} (host names separated by commas),
     * {@code group:NAME}, {@code ou:DN} or an OU's DN on its own ({@code OU=Cluster A,DC=corp,DC=example}).
     */
    public static HostSet parse(String text) {
        String spec = text == null ? "" : text.strip();
        if (spec.regionMatches(true, 0, "group:", 0, 6) && spec.length() > 6) {
            return new HostSet(List.of(), spec.substring(6).strip(), null);
        }
        if (spec.regionMatches(true, 0, "ou:", 0, 3) && spec.length() > 3) {
            return new HostSet(List.of(), null, spec.substring(3).strip());
        }
        if (spec.contains("=")) {
            return new HostSet(List.of(), null, spec);
        }
        List<String> names = Arrays.stream(spec.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        if (names.isEmpty()) {
            throw KerbshellException.usage("'" + text + "' names no host: give HV01,HV02, group:NAME or ou:DN");
        }
        return new HostSet(names, null, null);
    }

    /** The set as a command line's arguments: the names, or --group / --ou with the value quoted when needed. */
    public String asArguments() {
        return group != null ? "--group " + quoted(group) : ou != null ? "--ou " + quoted(ou)
                : String.join(" ", names);
    }

    private static String quoted(String value) {
        return value.matches("[^\\s\"']+") ? value : "\"" + value + "\"";
    }

    @Override
    public String toString() {
        return group != null ? "group:" + group : ou != null ? "ou:" + ou : String.join(",", names);
    }
}
