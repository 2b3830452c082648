package kerbshell.recipe;

import kerbshell.journal.JournalEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the writing commands of a session (as the journal recorded them) into a recipe: each command that made a
 * change, once, in order; the host names it used become parameters host1, host2, ... and the domain a parameter
 * of its own, so the recipe replays on the next pair of hosts.
 */
public final class RecipeRecorder {
    private RecipeRecorder() {
    }

    public static Recipe recipeOf(String name, List<JournalEntry> entries, List<String> computerNames, String domain) {
        Set<String> commands = new LinkedHashSet<>();
        entries.stream().filter(e -> e.applied() && e.undoOf() == null && e.command() != null
                && !e.command().isBlank()).forEach(e -> commands.add(e.command()));
        List<String> shortNames = computerNames.stream().filter(n -> !n.contains(".")).toList();
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> steps = new ArrayList<>();
        for (String command : commands) {
            steps.add(parameterise(command, shortNames, domain, parameters));
        }
        List<Recipe.Parameter> declared = new ArrayList<>();
        parameters.forEach((host, parameter) -> declared.add(new Recipe.Parameter(parameter,
                "a host (recorded as " + host + ")", null, "[A-Za-z0-9-]{1,15}")));
        if (steps.stream().anyMatch(s -> s.contains("${domain}"))) {
            declared.add(new Recipe.Parameter("domain", "the hosts' DNS domain", domain, "[A-Za-z0-9.-]+"));
        }
        return new Recipe(name, "Recorded by 'recipe record " + name + "'.", declared, steps, List.of(), List.of());
    }

    private static String parameterise(String command, List<String> hosts, String domain,
                                       Map<String, String> parameters) {
        String line = domain == null ? command : command.replaceAll("(?i)\\." + Pattern.quote(domain) + "\\b",
                ".\\${domain}");
        List<String> longestFirst = new ArrayList<>(hosts);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        for (String host : longestFirst) {
            Matcher m = Pattern.compile("(?i)(?<![A-Za-z0-9-])" + Pattern.quote(host) + "(?![A-Za-z0-9-])").matcher(line);
            if (m.find()) {
                String parameter = parameters.computeIfAbsent(host.toUpperCase(Locale.ROOT),
                        h -> "host" + (parameters.size() + 1));
                line = m.replaceAll(Matcher.quoteReplacement("${" + parameter + "}"));
            }
        }
        return line;
    }
}
