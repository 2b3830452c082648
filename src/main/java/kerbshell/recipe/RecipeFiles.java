package kerbshell.recipe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import kerbshell.error.KerbshellException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, validates and writes recipe files (YAML, keys in snake_case such as default_value). Read strictly, once:
 * a duplicate key, an unknown key, or a step that is not one single-line scalar (a line indented too far folds
 * into the step before it in YAML) is an error naming file:line:column; steps are split into arguments here.
 */
public final class RecipeFiles {
    /**
     * ${name} is the value; ${each:name} repeats the step for each comma-separated value of name; ${all:name},
     * a whole argument, stands for the values of a list as one argument each.
     */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(each:|all:)?([A-Za-z][A-Za-z0-9_-]*)}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern SECRET = Pattern.compile("(?i)--password(\\s|=|$)|password\\s*[:=]");
    /** A recipe's name is a file name in the recipes directory: no separators, no "..", no leading dot. */
    private static final Pattern RECIPE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    private static final Set<String> KEYS = Set.of("name", "description", "parameters", "steps", "verify", "notes");
    private static final Set<String> PARAMETER_KEYS = Set.of("name", "description", "default_value", "pattern", "kind",
            "list");
    static final Set<String> KINDS = Set.of("account", "spn", "domain", "text");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RecipeFiles() {
    }

    public static Recipe read(Path file) {
        return load(file).recipe();
    }

    public static LoadedRecipe load(Path file) {
        try {
            return load(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw KerbshellException.usage("cannot read the recipe " + file + ": " + e.getMessage());
        }
    }

    /** Parses and validates a recipe; {@code source} names it in errors. */
    public static Recipe parse(String text, String source) {
        return load(text, source).recipe();
    }

    /** Parses and validates a recipe, its steps split into arguments; {@code source} names it in errors. */
    public static LoadedRecipe load(String text, String source) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw KerbshellException.usage(at(source, e.getProblemMark()) + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw KerbshellException.usage(source + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw KerbshellException.usage(source + " is empty: a recipe needs at least a name and steps");
        }
        Map<String, Node> fields = mapping(root, KEYS, source, "a recipe");
        List<Recipe.Parameter> parameters = new ArrayList<>();
        for (Node item : sequence(fields.get("parameters"), source, "parameters")) {
            Map<String, Node> p = mapping(item, PARAMETER_KEYS, source, "a parameter");
            parameters.add(new Recipe.Parameter(scalar(p.get("name"), source, "name"),
                    scalar(p.get("description"), source, "description"),
                    scalar(p.get("default_value"), source, "default_value"), scalar(p.get("pattern"), source, "pattern"),
                    scalar(p.get("kind"), source, "kind"), flag(p.get("list"), source, "list")));
        }
        List<RecipeStep> steps = steps(fields.get("steps"), source, "steps");
        List<RecipeStep> verify = steps(fields.get("verify"), source, "verify");
        List<String> notes = sequence(fields.get("notes"), source, "notes").stream()
                .map(n -> scalar(n, source, "notes")).toList();
        Recipe recipe = new Recipe(scalar(fields.get("name"), source, "name"),
                scalar(fields.get("description"), source, "description"), List.copyOf(parameters),
                steps.stream().map(RecipeStep::text).toList(), verify.stream().map(RecipeStep::text).toList(), notes);
        validate(recipe, fields, steps, verify, source, text);
        return new LoadedRecipe(recipe, steps, verify);
    }

    public static void write(Recipe recipe, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            YAML.writeValue(file.toFile(), recipe);
        } catch (IOException e) {
            throw KerbshellException.failure("cannot write the recipe " + file + ": " + e.getMessage());
        }
    }

    /** Writes a recipe to a file that does not exist yet; an existing one only when {@code replace} says so. */
    public static void writeNew(Recipe recipe, Path file, boolean replace) {
        if (!replace && Files.exists(file)) {
            throw KerbshellException.usage(file + " exists: give another file, or add --force to replace it");
        }
        write(recipe, file);
    }

    /** A recipe's name must be a plain file name: it is where the recipe is saved, in the recipes directory. */
    public static void requirePlainName(String name) {
        if (name == null || !RECIPE_NAME.matcher(name).matches()) {
            throw KerbshellException.usage("recipe name '" + name + "' is not a plain name: use letters, digits, "
                    + "'-', '_' and single dots (no '/', no '..'); recipes are saved in the recipes directory only");
        }
    }

    private static void validate(Recipe recipe, Map<String, Node> fields, List<RecipeStep> steps,
                                 List<RecipeStep> verify, String source, String text) {
        if (recipe.name() == null || recipe.name().isBlank()) {
            throw KerbshellException.usage(where(source, fields.get("name"), source) + ": a recipe needs a name");
        }
        if (!RECIPE_NAME.matcher(recipe.name()).matches()) {
            throw KerbshellException.usage(where(source, fields.get("name"), source) + ": recipe name '"
                    + recipe.name() + "' is not a plain name (letters, digits, '-', '_', single dots)");
        }
        if (steps.isEmpty()) {
            throw KerbshellException.usage(where(source, fields.get("steps"), source)
                    + ": a recipe needs at least one step");
        }
        Set<String> declared = new HashSet<>();
        for (Recipe.Parameter parameter : recipe.parameters()) {
            if (parameter.name() == null || !PARAMETER_NAME.matcher(parameter.name()).matches()) {
                throw KerbshellException.usage(where(source, fields.get("parameters"), source) + ": parameter name '"
                        + parameter.name() + "' must start with a letter and hold only letters, digits, - and _");
            }
            if (!declared.add(parameter.name())) {
                throw KerbshellException.usage(where(source, fields.get("parameters"), source) + ": parameter "
                        + parameter.name() + " is declared twice");
            }
            if (parameter.kind() != null && !KINDS.contains(parameter.kind())) {
                throw KerbshellException.usage(where(source, fields.get("parameters"), source) + ": parameter "
                        + parameter.name() + " has kind '" + parameter.kind() + "'; kinds are " + KINDS);
            }
            if (parameter.pattern() != null) {
                try {
                    Pattern.compile(parameter.pattern());
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw KerbshellException.usage(where(source, fields.get("parameters"), source) + ": the pattern of "
                            + "parameter " + parameter.name() + " is not a regular expression: " + e.getDescription());
                }
            }
        }
        for (String part : everyText(recipe)) {
            if (holdsSecret(part)) {
                throw KerbshellException.usage(source + ":" + lineOf(text, part, 1)
                        + ": a recipe never holds a secret (passwords come from the environment, a file or a prompt): '"
                        + part + "'");
            }
        }
        List<RecipeStep> all = new ArrayList<>(steps);
        all.addAll(verify);
        for (RecipeStep step : all) {
            for (String word : step.words()) {
                Matcher m = PLACEHOLDER.matcher(word);
                while (m.find()) {
                    if (!declared.contains(m.group(2))) {
                        throw KerbshellException.usage(step.at() + ": '" + step.text() + "' uses ${" + m.group(2)
                                + "}, which is not among the recipe's parameters");
                    }
                    if ("all:".equals(m.group(1)) && !m.group().equals(word)) {
                        throw KerbshellException.usage(step.at() + ": '" + step.text() + "' uses " + m.group()
                                + " inside an argument; ${all:NAME} stands for whole arguments: write it alone");
                    }
                }
            }
            if (step.words().size() >= 3 && step.words().get(0).equals("recipe") && step.words().get(1).equals("run")
                    && step.words().get(2).equals(recipe.name())) {
                throw KerbshellException.usage(step.at() + ": recipe " + recipe.name() + " runs itself; a recipe may "
                        + "not run itself, directly or through another");
            }
        }
    }

    /** Every text of a recipe a secret could hide in: description, parameters, steps, verify steps, notes. */
    private static List<String> everyText(Recipe recipe) {
        List<String> all = new ArrayList<>();
        all.add(recipe.description());
        for (Recipe.Parameter p : recipe.parameters()) {
            all.addAll(java.util.Arrays.asList(p.description(), p.defaultValue()));
        }
        all.addAll(recipe.steps());
        all.addAll(recipe.verify());
        all.addAll(recipe.notes());
        return all.stream().filter(java.util.Objects::nonNull).toList();
    }

    private static List<RecipeStep> steps(Node node, String source, String field) {
        List<RecipeStep> steps = new ArrayList<>();
        for (Node item : sequence(node, source, field)) {
            String at = at(source, item.getStartMark());
            if (!(item instanceof ScalarNode scalar)) {
                throw KerbshellException.usage(at + ": each of " + field + " is one command line, not a "
                        + (item instanceof MappingNode ? "mapping (quote a line that holds ': ')" : "list"));
            }
            if (scalar.getEndMark() != null && scalar.getEndMark().getLine() != scalar.getStartMark().getLine()) {
                throw KerbshellException.usage(at + ": this step runs over more than one line (a line indented "
                        + "further folds into the step before it): write each step on one line");
            }
            String text = scalar.getValue();
            List<String> words;
            try {
                words = CommandLine.words(text);
            } catch (KerbshellException e) {
                throw KerbshellException.usage(at + ": " + e.getMessage());
            }
            if (words.isEmpty()) {
                throw KerbshellException.usage(at + ": an empty step");
            }
            steps.add(new RecipeStep(text, words, at));
        }
        return List.copyOf(steps);
    }

    private static Map<String, Node> mapping(Node node, Set<String> keys, String source, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw KerbshellException.usage(at(source, node.getStartMark()) + ": " + what + " is a mapping of "
                    + new java.util.TreeSet<>(keys));
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode k ? k.getValue() : null;
            if (key == null || !keys.contains(key)) {
                throw KerbshellException.usage(at(source, keyNode.getStartMark()) + ": unknown field '" + key + "' ("
                        + what + " has " + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw KerbshellException.usage(at(source, keyNode.getStartMark()) + ": field '" + key
                        + "' is given twice");
            }
        }
        return fields;
    }

    private static List<Node> sequence(Node node, String source, String field) {
        if (node == null || node instanceof ScalarNode empty && empty.getValue().isEmpty()
                && empty.getTag().getValue().endsWith(":null")) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw KerbshellException.usage(at(source, node.getStartMark()) + ": field '" + field + "' is a list ("
                    + "lines starting with '- ')");
        }
        return sequence.getValue();
    }

    private static String scalar(Node node, String source, String field) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw KerbshellException.usage(at(source, node.getStartMark()) + ": field '" + field + "' is one value");
        }
        if (scalar.getTag().getValue().endsWith(":null")) {
            return null;
        }
        return scalar.getValue();
    }

    /** A yes/no field: true or false, nothing else (YAML's yes/on are not guessed at). */
    private static Boolean flag(Node node, String source, String field) {
        String value = scalar(node, source, field);
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw KerbshellException.usage(at(source, node.getStartMark()) + ": field '" + field + "' is true or "
                    + "false, not '" + value + "'");
        }
        return Boolean.valueOf(value);
    }

    private static String where(String source, Node node, String fallback) {
        return node == null ? fallback : at(source, node.getStartMark());
    }

    private static String at(String source, Mark mark) {
        return mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    static List<String> lines(Recipe recipe) {
        List<String> all = new java.util.ArrayList<>(recipe.steps());
        if (recipe.verify() != null) {
            all.addAll(recipe.verify());
        }
        return all;
    }

    /** Whether a command line of a recipe or scenario carries a password: such files never hold a secret. */
    public static boolean holdsSecret(String line) {
        return SECRET.matcher(line).find();
    }

    /** The line of "key:" in the file, else of the text anywhere, else the parser's own guess. */
    public static int lineOf(String text, String key, int fallback) {
        Matcher asKey = Pattern.compile("(?m)^\\s*-?\\s*" + Pattern.quote(key) + "\\s*:").matcher(text);
        int at = asKey.find() ? asKey.start() : text.indexOf(key);
        return at < 0 ? fallback : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
