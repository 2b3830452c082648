package kerbshell.recipe;

import kerbshell.error.KerbshellException;

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

    /** The line with every ${name} replaced by its value. */
    public static String substitute(String line, Map<String, String> values) {
        Matcher m = RecipeFiles.PLACEHOLDER.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
