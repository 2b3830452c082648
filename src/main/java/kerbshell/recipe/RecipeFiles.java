package kerbshell.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, validates and writes recipe files (YAML, keys in snake_case such as default_value). A malformed file is
 * rejected naming the file, the line and the field.
 */
public final class RecipeFiles {
    /** ${name} is the value; ${each:name} repeats the line for each comma-separated value of name. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(each:)?([A-Za-z][A-Za-z0-9_-]*)}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern SECRET = Pattern.compile("(?i)--password(\\s|=|$)|password\\s*[:=]");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RecipeFiles() {
    }

    public static Recipe read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw KerbshellException.usage("cannot read the recipe " + file + ": " + e.getMessage());
        }
    }

    /** Parses and validates a recipe; {@code source} names it in errors. */
    public static Recipe parse(String text, String source) {
        Recipe recipe;
        try {
            recipe = YAML.readValue(text, Recipe.class);
        } catch (UnrecognizedPropertyException e) {
            throw KerbshellException.usage(source + " line " + lineOf(text, e.getPropertyName(), e.getLocation().getLineNr())
                    + ": unknown field '" + e.getPropertyName()
                    + "' (a recipe has name, description, parameters, steps, verify, notes)");
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw KerbshellException.usage(source + " line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ": field '" + field + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw KerbshellException.usage(source + " line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (recipe == null) {
            throw KerbshellException.usage(source + " is empty: a recipe needs at least a name and steps");
        }
        validate(recipe, text, source);
        return recipe;
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

    private static void validate(Recipe recipe, String text, String source) {
        if (recipe.name() == null || recipe.name().isBlank()) {
            throw invalid(source, text, "name", "a recipe needs a name");
        }
        if (recipe.steps() == null || recipe.steps().isEmpty()) {
            throw invalid(source, text, "steps", "a recipe needs at least one step");
        }
        Set<String> declared = new HashSet<>();
        for (Recipe.Parameter parameter : recipe.parameters() == null ? List.<Recipe.Parameter>of() : recipe.parameters()) {
            if (parameter.name() == null || !PARAMETER_NAME.matcher(parameter.name()).matches()) {
                throw invalid(source, text, "parameters", "parameter name '" + parameter.name()
                        + "' must start with a letter and hold only letters, digits, - and _");
            }
            if (parameter.pattern() != null) {
                try {
                    Pattern.compile(parameter.pattern());
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw invalid(source, text, "pattern", "the pattern of parameter " + parameter.name()
                            + " is not a regular expression: " + e.getDescription());
                }
            }
            declared.add(parameter.name());
        }
        for (String line : lines(recipe)) {
            if (holdsSecret(line)) {
                throw invalid(source, text, line, "a recipe never holds a secret: '" + line + "'");
            }
            Matcher m = PLACEHOLDER.matcher(line);
            while (m.find()) {
                if (!declared.contains(m.group(2))) {
                    throw invalid(source, text, line, "'" + line + "' uses ${" + m.group(2)
                            + "}, which is not among the recipe's parameters");
                }
            }
        }
    }

    static List<String> lines(Recipe recipe) {
        List<String> all = new java.util.ArrayList<>(recipe.steps());
        if (recipe.verify() != null) {
            all.addAll(recipe.verify());
        }
        return all;
    }

    /** The error for a field, with the line where the field (or a step's text) first appears in the file. */
    private static KerbshellException invalid(String source, String text, String field, String why) {
        String fieldName = field.contains(" ") ? "steps" : field;
        return KerbshellException.usage(source + " line " + lineOf(text, field, 1) + ": field '" + fieldName + "': "
                + why);
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
