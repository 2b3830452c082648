package kerbshell.recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the commands of a recording into a recipe that replays it faithfully: every writing command in the order
 * it ran (also those that changed nothing this time: the next pair may need them), and every check as a verify
 * step. Host names become parameters named by their role, as in the shipped recipes: {@code host} for one,
 * {@code source} and {@code destination} for a pair (in the order they first appear), {@code node1} ... for
 * more; the domain becomes a parameter of its own.
 */
public final class RecipeRecorder {
    private RecipeRecorder() {
    }

    /** @param steps the writing commands as they ran, as arguments; @param verify the checks, likewise */
    public static Recipe recipeOf(String name, List<List<String>> steps, List<List<String>> verify,
                                  List<String> computerNames, String domain) {
        List<String> shortNames = computerNames.stream().filter(n -> !n.contains(".")).toList();
        List<List<String>> all = new ArrayList<>(steps);
        all.addAll(verify);
        List<String> hosts = hostsInOrder(all, shortNames);
        Map<String, String> roles = new LinkedHashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            roles.put(hosts.get(i), hosts.size() == 1 ? "host" : hosts.size() == 2 ? (i == 0 ? "source" : "destination")
                    : "node" + (i + 1));
        }
        List<String> stepLines = steps.stream().map(words -> parameterise(words, roles, domain)).toList();
        List<String> verifyLines = verify.stream().map(words -> parameterise(words, roles, domain)).distinct().toList();
        List<Recipe.Parameter> declared = new ArrayList<>();
        roles.forEach((host, role) -> declared.add(new Recipe.Parameter(role, "a host (recorded as " + host + ")", null,
                "[A-Za-z0-9-]{1,15}", "account")));
        boolean usesDomain = java.util.stream.Stream.concat(stepLines.stream(), verifyLines.stream())
                .anyMatch(s -> s.contains("${domain}"));
        if (usesDomain) {
            declared.add(new Recipe.Parameter("domain", "the hosts' DNS domain", domain, "[A-Za-z0-9.-]+", "domain"));
        }
        return new Recipe(name, "Recorded by 'recipe record " + name + "'.", declared, stepLines, verifyLines,
                List.of());
    }

    /** The known host names the commands use, upper case, in the order they first appear. */
    private static List<String> hostsInOrder(List<List<String>> commands, List<String> hosts) {
        List<String> found = new ArrayList<>();
        for (List<String> words : commands) {
            for (String word : words) {
                List<int[]> hits = new ArrayList<>();
                for (String host : hosts) {
                    Matcher m = hostPattern(host).matcher(word);
                    while (m.find()) {
                        hits.add(new int[]{m.start(), hosts.indexOf(host)});
                    }
                }
                hits.sort(java.util.Comparator.comparingInt(h -> h[0]));
                for (int[] hit : hits) {
                    String host = hosts.get(hit[1]).toUpperCase(Locale.ROOT);
                    if (!found.contains(host)) {
                        found.add(host);
                    }
                }
            }
        }
        return found;
    }

    private static String parameterise(List<String> words, Map<String, String> roles, String domain) {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            String w = domain == null ? word
                    : word.replaceAll("(?i)\\." + Pattern.quote(domain) + "\\b", ".\\${domain}");
            List<String> longestFirst = new ArrayList<>(roles.keySet());
            longestFirst.sort(java.util.Comparator.comparingInt(String::length).reversed());
            for (String host : longestFirst) {
                w = hostPattern(host).matcher(w).replaceAll(Matcher.quoteReplacement("${" + roles.get(host) + "}"));
            }
            out.add(w);
        }
        return RecipeParameters.display(out);
    }

    private static Pattern hostPattern(String host) {
        return Pattern.compile("(?i)(?<![A-Za-z0-9$-])" + Pattern.quote(host) + "(?![A-Za-z0-9-])");
    }
}
