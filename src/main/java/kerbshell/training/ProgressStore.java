package kerbshell.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import kerbshell.error.KerbshellException;
import kerbshell.output.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes the trainee's progress file (JSON) in the kerbshell directory. */
public final class ProgressStore {
    private final Path file;

    public ProgressStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Progress load() {
        if (!Files.exists(file)) {
            return Progress.empty();
        }
        try {
            Progress progress = Json.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), Progress.class);
            return progress == null ? Progress.empty() : progress;
        } catch (JsonProcessingException e) {
            throw KerbshellException.failure("the training progress file " + file + " is damaged ("
                    + e.getOriginalMessage() + "): fix or delete it (your progress starts again then)");
        } catch (IOException e) {
            throw KerbshellException.failure("cannot read the training progress file " + file + ": " + e.getMessage());
        }
    }

    /** Written to a temporary file and moved into place, so a crash never leaves half a file. */
    public void save(Progress progress) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, Json.pretty(progress) + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw KerbshellException.failure("cannot write the training progress file " + file + ": " + e.getMessage()
                    + "; check that the kerbshell directory is writable");
        }
    }

    /**
     * Ends the scenario under way, if any, because its lab is gone (lab reset, tutorial start): its record and
     * hints stay, the attempt does not.
     *
     * @return the ended scenario's name, or null when none was under way
     */
    public String endScenario() {
        Progress progress = load();
        if (progress.current() == null) {
            return null;
        }
        save(progress.withCurrent(null));
        return progress.current().scenario();
    }
}
