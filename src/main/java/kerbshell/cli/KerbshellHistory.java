package kerbshell.cli;

import kerbshell.config.PrivateFiles;
import org.jline.reader.impl.history.DefaultHistory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The interactive shell's history, kept so that it cannot give away a secret typed by mistake: the file is 0600
 * in a 0700 directory; a line is kept only after it ran without a usage error, so a password typed blind at the
 * prompt (an unknown command) or given as an option that does not exist ({@code connect --password X}) is never
 * saved; and with the history switched off nothing is written at all.
 *
 * <p>JLine adds a line when it is read, before it runs: the line waits here, and is kept or dropped when the
 * next line arrives or the history is saved, by how it ended. Not thread-safe: the shell reads and runs one line
 * at a time.
 */
final class KerbshellHistory extends DefaultHistory {
    private final Path file;
    private final boolean persist;
    private final BooleanSupplier lastLineRefused;
    private Instant pendingTime;
    private String pendingLine;

    /**
     * @param persist         false when history is switched off: lines are kept for this session's arrow keys only
     * @param lastLineRefused whether the line that ran last ended in a usage error (exit 2)
     */
    KerbshellHistory(Path file, boolean persist, BooleanSupplier lastLineRefused) {
        this.file = file;
        this.persist = persist;
        this.lastLineRefused = lastLineRefused;
    }

    @Override
    public void add(Instant time, String line) {
        settle();
        pendingTime = time;
        pendingLine = line;
    }

    /** The pending line has run: keep it unless it was refused as a usage error. */
    private void settle() {
        String line = pendingLine;
        Instant time = pendingTime;
        pendingLine = null;
        pendingTime = null;
        if (line != null && !lastLineRefused.getAsBoolean()) {
            super.add(time, line);
        }
    }

    @Override
    public void save() throws IOException {
        settle();
        if (!persist) {
            return;
        }
        PrivateFiles.secure(file);
        super.save();
    }

    @Override
    public void load() throws IOException {
        if (!persist) {
            return;
        }
        try {
            PrivateFiles.secure(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the history file " + file + " private: " + e.getMessage(), e);
        }
        super.load();
    }
}
