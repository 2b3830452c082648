package kerbshell.recipe;

import kerbshell.error.KerbshellException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** Binds {@code --param name=value} to a recipe's parameters, with defaults and validation patterns. */
public final class RecipeParameters {
    private RecipeParameters() {
    }

    public static Map<String, String> bind(Recipe recipe, List<String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : given == null ? List.<String>of() : given) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw KerbshellException.usage("--param takes name=value, not '" + pair + "'");
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        List<Recipe.Parameter> declared = recipe.parameters() == null ? List.of() : recipe.parameters();
        for (String name : values.keySet()) {
            if (declared.stream().noneMatch(p -> p.name().equals(name))) {
                throw KerbshellException.usage("recipe " + recipe.name() + " has no parameter '" + name + "'; it takes: "
                        + declared.stream().map(Recipe.Parameter::name).toList());
            }
        }
        Map<String, String> bound = new LinkedHashMap<>();
        for (Recipe.Parameter parameter : declared) {
            String value = values.getOrDefault(parameter.name(), parameter.defaultValue());
            if (value == null) {
                throw KerbshellException.usage("recipe " + recipe.name() + " needs --param " + parameter.name()
                        + "=VALUE (" + parameter.description() + ")");
            }
            if (parameter.pattern() != null && !value.matches(parameter.pattern())) {
                throw KerbshellException.usage("--param " + parameter.name() + "=" + value + " does not match "
                        + parameter.pattern() + " (" + parameter.description() + ")");
            }
            bound.put(parameter.name(), value);
        }
        return bound;
    }

    /**
     * The lines a recipe line stands for: every ${name} replaced by its value, and the line repeated for each
     * comma-separated value of every ${each:name} in it (for two such names, each pair of values, skipping pairs
     * of the same host: {@code delegate pair ${each:a} ${each:b}} builds the mesh between two node lists).
     */
    public static List<String> expand(String line, Map<String, String> values) {
        List<String> each = new ArrayList<>();
        Matcher m = RecipeFiles.PLACEHOLDER.matcher(line);
        while (m.find()) {
            if (m.group(1) != null && !each.contains(m.group(2))) {
                each.add(m.group(2));
            }
        }
        List<Map<String, String>> combinations = new ArrayList<>(List.of(Map.of()));
        for (String name : each) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combination : combinations) {
                for (String value : values.get(name).split(",")) {
                    String item = value.strip();
                    if (item.isEmpty() || combination.values().stream().anyMatch(item::equalsIgnoreCase)) {
                        continue;
                    }
                    Map<String, String> extended = new LinkedHashMap<>(combination);
                    extended.put(name, item);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        List<String> lines = new ArrayList<>();
        for (Map<String, String> combination : combinations) {
            Matcher p = RecipeFiles.PLACEHOLDER.matcher(line);
            StringBuilder out = new StringBuilder();
            while (p.find()) {
                String value = p.group(1) != null ? combination.get(p.group(2)) : values.get(p.group(2));
                p.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            p.appendTail(out);
            lines.add(out.toString());
        }
        return lines;
    }
}
