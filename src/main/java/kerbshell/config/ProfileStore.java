package kerbshell.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the named connection profiles in config.yaml ({@code profiles: {name: {...}}}), whose keys are
 * the connection options' names; values are checked as the same options on the command line are.
 */
public final class ProfileStore {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private static final String ALLOWED_KEYS = java.util.Arrays.stream(ConnectionOption.values())
            .filter(o -> o != ConnectionOption.CCACHE).map(ConnectionOption::key)
            .collect(java.util.stream.Collectors.joining(", "));

    private final Path file;

    public ProfileStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Map<String, ConnectionOptions> all() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            ConfigFile config = YAML.readValue(file.toFile(), ConfigFile.class);
            return config.profiles() == null ? new TreeMap<>() : new TreeMap<>(config.profiles());
        } catch (UnrecognizedPropertyException e) {
            String key = e.getPropertyName();
            String why = key.toLowerCase().contains("password")
                    ? "a profile never holds a password (use KERBSHELL_PASSWORD, --password-file or a keytab)"
                    : "allowed keys: " + ALLOWED_KEYS;
            throw KerbshellException.usage(file + " line " + e.getLocation().getLineNr() + ": unknown key '" + key
                    + "': " + why);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof KerbshellException known ? known.getMessage() : e.getOriginalMessage();
            throw KerbshellException.usage(file + " line " + e.getLocation().getLineNr() + ": " + why);
        } catch (JsonProcessingException e) {
            throw KerbshellException.usage(file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw KerbshellException.failure("cannot read " + file + ": " + e.getMessage());
        }
    }

    public ConnectionOptions get(String name) {
        ConnectionOptions profile = all().get(name);
        if (profile == null) {
            throw KerbshellException.usage("no profile named '" + name + "' in " + file
                    + ": 'profile list' shows the saved ones");
        }
        return profile;
    }

    public void save(String name, ConnectionOptions profile) {
        Map<String, ConnectionOptions> profiles = all();
        profiles.put(name, profile);
        write(profiles);
    }

    /** Removes the profile, keeping the others and the history setting; an unknown name is a usage error. */
    public void delete(String name) {
        get(name);
        Map<String, ConnectionOptions> profiles = all();
        profiles.remove(name);
        write(profiles);
    }

    private void write(Map<String, ConnectionOptions> profiles) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            YAML.writeValue(file.toFile(), new ConfigFile(profiles, currentHistorySetting()));
        } catch (IOException e) {
            throw KerbshellException.failure("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The history setting already in the file, kept when profiles are saved. */
    private Boolean currentHistorySetting() {
        try {
            return Files.exists(file) ? YAML.readValue(file.toFile(), ConfigFile.class).history() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether config.yaml lets the interactive shell keep a history file ({@code history: false} switches it off;
     * on by default).
     */
    public boolean historyWanted() {
        if (!Files.exists(file)) {
            return true;
        }
        try {
            ConfigFile config = YAML.readValue(file.toFile(), ConfigFile.class);
            return !Boolean.FALSE.equals(config.history());
        } catch (IOException e) {
            // An unreadable config file is reported when a profile is used; a history is not worth more risk.
            return false;
        }
    }

    /** config.yaml: the profiles, and whether to keep a history. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ConfigFile(Map<String, ConnectionOptions> profiles, Boolean history) {
    }
}
