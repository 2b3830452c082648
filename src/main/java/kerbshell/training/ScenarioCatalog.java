package kerbshell.training;

import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The scenarios kerbshell knows: the shipped ones (recipes/training/ in the repository, inside the jar), then the
 * user's own directories, whose scenarios win on a name clash; a scenario can also be named by the path of its file.
 */
public final class ScenarioCatalog {
    private final Map<String, String> shipped;
    private final List<Path> directories;
    private final Predicate<String> knownCommand;

    /**
     * @param shipped      the shipped scenarios' texts by file name
     * @param directories  the user's scenario directories, later ones winning; missing ones are skipped
     * @param knownCommand whether a command line starts with a kerbshell command
     */
    public ScenarioCatalog(Map<String, String> shipped, List<Path> directories, Predicate<String> knownCommand) {
        this.shipped = shipped;
        this.directories = directories;
        this.knownCommand = knownCommand;
    }

    /** Every scenario by name, in the suggested order: by level, then by name. */
    public List<Entry> all() {
        Map<String, Entry> byName = new TreeMap<>();
        shipped.forEach((file, text) -> {
            Scenario scenario = ScenarioFiles.parse(text, "shipped scenario " + file, knownCommand);
            byName.put(scenario.name(), new Entry(scenario, "shipped"));
        });
        for (Path file : userFiles()) {
            Scenario scenario = ScenarioFiles.read(file, knownCommand);
            byName.put(scenario.name(), new Entry(scenario, file.toString()));
        }
        List<Entry> ordered = new ArrayList<>(byName.values());
        ordered.sort((a, b) -> a.scenario().levelOrDefault() != b.scenario().levelOrDefault()
                ? Integer.compare(a.scenario().levelOrDefault(), b.scenario().levelOrDefault())
                : a.scenario().name().compareTo(b.scenario().name()));
        return ordered;
    }

    /**
     * Every scenario's name, sorted, for completion: a file that does not load is left out here ('lab scenario
     * list' says what is wrong with it), so one broken scenario does not hide the others.
     */
    public List<String> names() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        shipped.forEach((file, text) -> names.add(ScenarioFiles.parse(text, "shipped scenario " + file, knownCommand)
                .name()));
        for (Path file : userFiles()) {
            try {
                names.add(ScenarioFiles.read(file, knownCommand).name());
            } catch (KerbshellException e) {
                // left out of completion; 'lab scenario list' reports it
            }
        }
        return List.copyOf(names);
    }

    /** A scenario by name, or by the path of its file. */
    public Entry find(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        if (nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml") || Files.isRegularFile(path)) {
            if (!Files.isRegularFile(path)) {
                throw KerbshellException.usage("no scenario file " + nameOrPath + ": check the path");
            }
            return new Entry(ScenarioFiles.read(path, knownCommand), path.toAbsolutePath().toString());
        }
        return all().stream().filter(e -> e.scenario().name().equals(nameOrPath)).findFirst()
                .orElseThrow(() -> KerbshellException.usage("no scenario named " + nameOrPath
                        + ": 'lab scenario list' shows them, or give the path of a scenario file"));
    }

    private List<Path> userFiles() {
        List<Path> files = new ArrayList<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> listed = Files.list(directory)) {
                listed.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw KerbshellException.failure("cannot list the scenarios in " + directory + ": " + e.getMessage());
            }
        }
        return files;
    }

    /** A scenario and where it was found: "shipped" or the path of its file. */
    public record Entry(Scenario scenario, String source) {
    }
}
