package kerbshell.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only their owner may read, in a directory only its owner may enter: a shell history can hold what was
 * typed by mistake, so it is created 0600 (never briefly readable by others) in a 0700 directory, and an older
 * file or directory with wider permissions is narrowed.
 */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    /** Makes {@code file} and its directory private, creating them when missing. */
    public static void secure(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
