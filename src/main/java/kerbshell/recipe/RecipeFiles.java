package kerbshell.recipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes recipe files (YAML, keys in snake_case such as default_value). */
public final class RecipeFiles {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private RecipeFiles() {
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
}
