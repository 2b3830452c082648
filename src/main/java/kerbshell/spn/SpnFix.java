package kerbshell.spn;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One step of an SPN repair: remove an SPN from an account, or add it to one; a kerbshell command line. */
public record SpnFix(Verb verb, String account, String spn) {

    public enum Verb {
        REMOVE, ADD;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @JsonProperty("command")
    public String command() {
        return "spn " + verb.word() + " " + account + " \"" + spn + "\"";
    }

    /**
     * The steps as few commands as possible, removals first: one {@code spn remove} per account naming all its
     * SPNs (Samba can rewrite an account's set only without any duplicate left in it), then the additions.
     */
    public static List<String> merged(List<SpnFix> fixes) {
        Map<String, List<String>> byCommand = new LinkedHashMap<>();
        for (Verb verb : Verb.values()) {
            for (SpnFix fix : fixes) {
                if (fix.verb() == verb) {
                    List<String> spns = byCommand.computeIfAbsent("spn " + verb.word() + " " + fix.account(),
                            k -> new ArrayList<>());
                    if (spns.stream().noneMatch(fix.spn()::equalsIgnoreCase)) {
                        spns.add(fix.spn());
                    }
                }
            }
        }
        List<String> commands = new ArrayList<>();
        byCommand.forEach((command, spns) -> commands.add(command + " "
                + String.join(" ", spns.stream().map(s -> "\"" + s + "\"").toList())));
        return commands;
    }
}
