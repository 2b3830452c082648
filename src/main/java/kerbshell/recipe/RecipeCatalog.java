package kerbshell.recipe;

import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The recipes kerbshell knows: the ones it ships (recipes/ in the repository, inside the jar) and the user's own
 * (the recipes folder of the kerbshell directory), which win on a name clash; a recipe can also be named by path.
 */
public final class RecipeCatalog {
    private final Map<String, String> shipped;
    private final Path userDirectory;

    /** @param shipped the shipped recipes' texts by file name */
    public RecipeCatalog(Map<String, String> shipped, Path userDirectory) {
        this.shipped = shipped;
        this.userDirectory = userDirectory;
    }

    public Path userDirectory() {
        return userDirectory;
    }

    /** Every recipe by name, with where it comes from. */
    public List<Entry> all() {
        Map<String, Entry> byName = new TreeMap<>();
        shipped.forEach((file, text) -> {
            LoadedRecipe recipe = RecipeFiles.load(text, "shipped recipe " + file);
            byName.put(recipe.recipe().name(), new Entry(recipe, "shipped"));
        });
        for (Path file : userFiles()) {
            LoadedRecipe recipe = RecipeFiles.load(file);
            byName.put(recipe.recipe().name(), new Entry(recipe, file.toString()));
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * Every recipe's name, sorted, for completion: a file that does not load is left out here (the commands that
     * read it say what is wrong with it), so one broken recipe does not hide the others.
     */
    public List<String> names() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        shipped.forEach((file, text) -> names.add(RecipeFiles.load(text, "shipped recipe " + file).recipe().name()));
        for (Path file : userFiles()) {
            try {
                names.add(RecipeFiles.load(file).recipe().name());
            } catch (KerbshellException e) {
                // left out of completion; 'recipe list' reports it
            }
        }
        return List.copyOf(names);
    }

    /** A recipe by name, or by the path of its file. */
    public Entry find(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        if (nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml") || Files.isRegularFile(path)) {
            if (!Files.isRegularFile(path)) {
                throw KerbshellException.usage("no recipe file " + nameOrPath);
            }
            return new Entry(RecipeFiles.load(path), path.toString());
        }
        return all().stream().filter(e -> e.recipe().name().equals(nameOrPath)).findFirst()
                .orElseThrow(() -> KerbshellException.usage("no recipe named " + nameOrPath
                        + ": 'recipe list' shows them, or give the path of a recipe file"));
    }

    private List<Path> userFiles() {
        if (!Files.isDirectory(userDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(userDirectory)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw KerbshellException.failure("cannot list " + userDirectory + ": " + e.getMessage());
        }
    }

    /** A recipe and where it was found. */
    public record Entry(LoadedRecipe loaded, String source) {
        public Recipe recipe() {
            return loaded.recipe();
        }
    }

    /** Where a recipe of this name is saved: in the recipes directory, whatever the name says. */
    public Path fileFor(String name) {
        RecipeFiles.requirePlainName(name);
        Path file = userDirectory.resolve(name + ".yaml").normalize();
        if (!file.getParent().equals(userDirectory.normalize())) {
            throw KerbshellException.usage("recipe " + name + " would be saved outside " + userDirectory);
        }
        return file;
    }
}
