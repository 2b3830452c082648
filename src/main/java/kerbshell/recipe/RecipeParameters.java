package kerbshell.recipe;

import kerbshell.error.KerbshellException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds {@code --param name=value} to a recipe's parameters, with defaults, and checks each value against the
 * parameter's pattern, else the safe pattern of its kind. A value never starts with '-' (it would pass for an
 * option) and becomes exactly one argument: it is substituted into the arguments the step was split into when
 * the file was read, never into its text.
 */
public final class RecipeParameters {
    /** What a value of each kind may look like when the recipe declares no pattern of its own. */
    static final Map<String, Pattern> KIND_PATTERNS = Map.of(
            "account", Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\$?"),
            "spn", Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]*/[A-Za-z0-9][A-Za-z0-9._-]*(:[0-9]{1,5})?"
                    + "(/[A-Za-z0-9][A-Za-z0-9._-]*)?"),
            "domain", Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"),
            "text", Pattern.compile("[^\\s\"'\\\\-][^\\s\"'\\\\]*"));

    private RecipeParameters() {
    }

    public static Map<String, String> bind(Recipe recipe, List<String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : given == null ? List.<String>of() : given) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw KerbshellException.usage("--param takes name=value, not '" + pair + "'");
            }
            if (values.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw KerbshellException.usage("--param " + pair.substring(0, eq) + " is given twice: give each "
                        + "parameter once");
            }
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
            requireSafe(parameter, value);
            bound.put(parameter.name(), value);
        }
        return bound;
    }

    private static void requireSafe(Recipe.Parameter parameter, String value) {
        String kind = parameter.kind() == null ? "text" : parameter.kind();
        Pattern pattern = parameter.pattern() != null ? Pattern.compile(parameter.pattern()) : KIND_PATTERNS.get(kind);
        String rule = parameter.pattern() != null ? parameter.pattern() : "a safe " + kind + " value";
        boolean control = value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (value.startsWith("-") || control || !pattern.matcher(value).matches()) {
            throw KerbshellException.usage("--param " + parameter.name() + "=" + value + " is refused: it must be "
                    + rule + (parameter.description() == null ? "" : " (" + parameter.description() + ")")
                    + ", one value, not starting with '-'");
        }
    }

    /**
     * The commands a step stands for, as arguments: every ${name} replaced by its value inside the argument it
     * stands in, and the step repeated for each comma-separated value of every ${each:name} in it (for two such
     * names, each pair of values, skipping pairs of the same host: {@code delegate pair ${each:a} ${each:b}}
     * builds the mesh between two node lists). A value is never split into more arguments.
     */
    public static List<List<String>> expand(List<String> words, Map<String, String> values) {
        List<String> each = new ArrayList<>();
        for (String word : words) {
            Matcher m = RecipeFiles.PLACEHOLDER.matcher(word);
            while (m.find()) {
                if (m.group(1) != null && !each.contains(m.group(2))) {
                    each.add(m.group(2));
                }
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
        List<List<String>> commands = new ArrayList<>();
        for (Map<String, String> combination : combinations) {
            List<String> out = new ArrayList<>(words.size());
            for (String word : words) {
                out.add(substitute(word, values, combination));
            }
            commands.add(List.copyOf(out));
        }
        return commands;
    }

    /** The text with every ${name} replaced by its value. */
    public static String substitute(String line, Map<String, String> values) {
        return substitute(line, values, Map.of());
    }

    private static String substitute(String text, Map<String, String> values, Map<String, String> each) {
        Matcher m = RecipeFiles.PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1) != null ? each.get(m.group(2)) : values.get(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Arguments as a command line a person can read and type again: those with spaces or quotes in quotes. */
    public static String display(List<String> words) {
        List<String> shown = new ArrayList<>();
        for (String word : words) {
            boolean plain = !word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"'
                    || c == '\'' || c == '\\');
            shown.add(plain ? word : "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return String.join(" ", shown);
    }
}
