package kerbshell.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's file: JSON lines, each appended whole and forced to disk before {@link #append} returns, under an
 * exclusive lock shared by every kerbshell process. A line that could not be written whole (the disk filled up,
 * the machine stopped) is cut off again when possible; one left behind (the process was killed mid-write) is found
 * by the next reader or writer, moved to the side file {@code <journal>.torn} and cut off, so it never stops the
 * rest from being read and never merges with the next line.
 *
 * <p>Thread-safe, and safe across processes: every change to the file happens under the file lock.
 */
final class JournalFile {
    /** One JVM can hold one lock per file: its threads take turns here first. */
    private static final Object IN_PROCESS = new Object();

    private final Path file;

    JournalFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    Path sideFile() {
        return file.resolveSibling(file.getFileName() + ".torn");
    }

    /** The file's lines as read, and the lines that are not whole (kept in the side file or skipped). */
    record Contents(List<String> lines, List<String> setAside) {
    }

    /** Appends one line and forces it to disk; on failure nothing of it stays in the file (when it can be cut). */
    void append(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (IN_PROCESS) {
            createIfMissing();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                long end = setAsideTornTail(channel);
                try {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    long at = end;
                    while (buffer.hasRemaining()) {
                        at += channel.write(buffer, at);
                    }
                    channel.force(true);
                } catch (IOException e) {
                    cutBack(channel, end);
                    throw e;
                }
            }
        }
    }

    /** Every whole line; a torn last line is set aside first (under the lock, so no writer is mid-line). */
    Contents read() throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        byte[] bytes = Files.readAllBytes(file);
        List<String> setAside = new ArrayList<>();
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            synchronized (IN_PROCESS) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    String torn = tornTail(channel);
                    if (torn != null) {
                        setAside.add(torn);
                        setAsideTornTail(channel);
                    }
                } catch (IOException e) {
                    // No right to write here: read what is whole, skip the rest.
                }
            }
            bytes = Files.readAllBytes(file);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length && setAside.isEmpty()) {
            setAside.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return new Contents(lines, setAside);
    }

    /**
     * When the file does not end with a newline, its last line was never finished: copies it to the side file and
     * cuts it off. Returns where the next line goes. If the side file cannot be written the fragment stays, ended
     * by a newline, so the next line still starts on a line of its own.
     */
    private long setAsideTornTail(FileChannel channel) throws IOException {
        String torn = tornTail(channel);
        long size = channel.size();
        if (torn == null) {
            return size;
        }
        long start = size - torn.getBytes(StandardCharsets.UTF_8).length;
        try {
            Files.writeString(sideFile(), torn + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            channel.truncate(start);
            channel.force(true);
            return start;
        } catch (IOException e) {
            channel.write(ByteBuffer.wrap(new byte[]{'\n'}), size);
            return size + 1;
        }
    }

    /** The unfinished last line, or null when the file ends with a newline. */
    private static String tornTail(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return null;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) == '\n') {
            return null;
        }
        long start = size - 1;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (start > 0) {
            one.clear();
            channel.read(one, start - 1);
            if (one.get(0) == '\n') {
                break;
            }
            start--;
        }
        ByteBuffer tail = ByteBuffer.allocate((int) (size - start));
        channel.read(tail, start);
        return new String(tail.array(), StandardCharsets.UTF_8);
    }

    private static void cutBack(FileChannel channel, long end) {
        try {
            channel.truncate(end);
            channel.force(true);
        } catch (IOException ignored) {
            // the reader sets the torn line aside later
        }
    }

    private void createIfMissing() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            try {
                // Who changed what, where: for the operator's eyes, like a shell history.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process created it first
            }
        }
    }
}
