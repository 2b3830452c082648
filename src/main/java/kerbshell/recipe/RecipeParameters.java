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
            if (parameter.isList()) {
                List<String> elements = elements(value);
                if (elements.isEmpty()) {
                    throw KerbshellException.usage("--param " + parameter.name() + "=" + value + " is refused: give "
                            + "one or more values separated by commas (" + parameter.description() + ")");
                }
                List<String> seen = new ArrayList<>();
                for (String element : elements) {
                    requireSafe(parameter, value, element);
                    if (seen.stream().anyMatch(element::equalsIgnoreCase)) {
                        throw KerbshellException.usage("--param " + parameter.name() + "=" + value + " is refused: "
                                + element + " is given twice; name each value once");
                    }
                    seen.add(element);
                }
                value = String.join(",", seen);
            } else {
                requireSafe(parameter, value, value);
            }
            bound.put(parameter.name(), value);
        }
        return bound;
    }

    /** The values of a list, in order: separated by commas, blanks around them ignored. */
    private static List<String> elements(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            out.add(part.strip());
        }
        return out.size() == 1 && out.get(0).isEmpty() ? List.of() : out;
    }

    /** {@code value} (the whole of a list, else the value itself) is refused unless {@code element} is safe. */
    private static void requireSafe(Recipe.Parameter parameter, String given, String value) {
        String kind = parameter.kind() == null ? "text" : parameter.kind();
        Pattern pattern = parameter.pattern() != null ? Pattern.compile(parameter.pattern()) : KIND_PATTERNS.get(kind);
        String rule = parameter.pattern() != null ? parameter.pattern() : "a safe " + kind + " value";
        boolean control = value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (value.startsWith("-") || control || !pattern.matcher(value).matches()) {
            throw KerbshellException.usage("--param " + parameter.name() + "=" + given + " is refused: "
                    + (parameter.isList() ? "each value ('" + value + "' is not) must be " : "it must be ") + rule
                    + (parameter.description() == null ? "" : " (" + parameter.description() + ")")
                    + (parameter.isList() ? ", separated by commas" : ", one value") + ", not starting with '-'");
        }
    }

    /**
     * The commands a step stands for, as arguments: every ${name} replaced by its value inside the argument it
     * stands in; every ${all:name} (a whole argument) replaced by the values of the list, one argument each; and
     * the step repeated for each comma-separated value of every ${each:name} in it. For two such names, each pair
     * of values, skipping pairs of the same host: {@code delegate pair ${each:source} ${each:destination}} builds
     * the mesh between two node lists. The same name twice stands for each pair of two different values of that
     * list, once (in the list's order): {@code delegate pair ${each:nodes} ${each:nodes}} builds the mesh inside
     * one cluster. A value is never split into more arguments.
     */
    public static List<List<String>> expand(List<String> words, Map<String, String> values) {
        List<String> slots = new ArrayList<>();
        for (String word : words) {
            Matcher m = RecipeFiles.PLACEHOLDER.matcher(word);
            while (m.find()) {
                if ("each:".equals(m.group(1))) {
                    slots.add(m.group(2));
                }
            }
        }
        List<List<Integer>> combinations = new ArrayList<>(List.of(List.of()));
        for (int slot = 0; slot < slots.size(); slot++) {
            String name = slots.get(slot);
            int earlier = slots.subList(0, slot).lastIndexOf(name);
            List<String> items = elements(values.get(name));
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> combination : combinations) {
                for (int index = earlier < 0 ? 0 : combination.get(earlier) + 1; index < items.size(); index++) {
                    String item = items.get(index);
                    if (item.isEmpty() || chosen(slots, combination, values).stream().anyMatch(item::equalsIgnoreCase)) {
                        continue;
                    }
                    List<Integer> extended = new ArrayList<>(combination);
                    extended.add(index);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        List<List<String>> commands = new ArrayList<>();
        for (List<Integer> combination : combinations) {
            List<String> each = chosen(slots, combination, values);
            int[] slot = {0};
            List<String> out = new ArrayList<>(words.size());
            for (String word : words) {
                Matcher all = RecipeFiles.PLACEHOLDER.matcher(word);
                if (all.matches() && "all:".equals(all.group(1))) {
                    out.addAll(elements(values.get(all.group(2))).stream().filter(v -> !v.isEmpty()).toList());
                } else {
                    out.add(substitute(word, values, each, slot));
                }
            }
            commands.add(List.copyOf(out));
        }
        return commands;
    }

    /** The values a combination of indexes chooses, slot by slot. */
    private static List<String> chosen(List<String> slots, List<Integer> combination, Map<String, String> values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < combination.size(); i++) {
            out.add(elements(values.get(slots.get(i))).get(combination.get(i)));
        }
        return out;
    }

    /** The text with every ${name} replaced by its value. */
    public static String substitute(String line, Map<String, String> values) {
        return substitute(line, values, List.of(), new int[] {0});
    }

    /** The text with ${name} (and ${all:name}) the value and each ${each:name} the next of {@code each}. */
    private static String substitute(String text, Map<String, String> values, List<String> each, int[] slot) {
        Matcher m = RecipeFiles.PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = "each:".equals(m.group(1)) && slot[0] < each.size() ? each.get(slot[0]++)
                    : values.get(m.group(2));
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
