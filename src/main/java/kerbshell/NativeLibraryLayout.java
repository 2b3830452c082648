package kerbshell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A step of the launchers' preparation of the extracted layout: BoringSSL's libraries taken out of Conscrypt's jar
 * into RUN/{@value #DIRECTORY}, which the launchers then give the JVM as its library path. Left in the jar, each
 * library is copied by Conscrypt to a new file on every start and loaded from there: about 30 ms of a one-shot
 * command (inflating and writing 3 MB, then mapping a file never mapped before), measured in docs/benchmarks.md.
 * With the libraries gone from the jar, Conscrypt's loader falls back to {@code System.loadLibrary} by the same
 * name, which finds them in the library path. Runs before the class-data archive is made, which records each
 * jar's size and time. Run again, it finds nothing to take out. Every file is written under a temporary name and
 * moved into place, the libraries before the jar, so a run that stops half-way leaves a layout that works as
 * before (the libraries still in the jar).
 */
public final class NativeLibraryLayout {
    /** The directory under the run directory the launchers put on the library path. */
    public static final String DIRECTORY = "native-lib";
    private static final String RESOURCES = "META-INF/native/";
    private static final String JAR_PREFIX = "conscrypt-openjdk-uber-";

    private NativeLibraryLayout() {
    }

    /** {@code NativeLibraryLayout RUN}: the launchers' call, once the layout is extracted to RUN. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp RUN/kerbshell.jar kerbshell.NativeLibraryLayout RUN");
            System.exit(2);
        }
        split(Path.of(args[0]));
    }

    /** Takes the libraries out of Conscrypt's jar in {@code run}/lib, if it holds any; returns those written. */
    static List<Path> split(Path run) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(run.resolve("lib"))) {
            jars = files.filter(p -> p.getFileName().toString().startsWith(JAR_PREFIX)
                    && p.getFileName().toString().endsWith(".jar")).toList();
        }
        List<Path> written = new ArrayList<>();
        for (Path jar : jars) {
            written.addAll(split(jar, run.resolve(DIRECTORY)));
        }
        return written;
    }

    private static List<Path> split(Path jar, Path libraries) throws IOException {
        List<Path> written = new ArrayList<>();
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".rewriting");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (isLibrary(entry)) {
                    Files.createDirectories(libraries);
                    Path library = libraries.resolve(Path.of(entry.getName()).getFileName().toString());
                    copy(zip, entry, library);
                    written.add(library);
                }
            }
            if (written.isEmpty()) {
                return written;
            }
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    if (isLibrary(entry) || entry.getName().equals(RESOURCES)) {
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(entry);
                    copy.setCompressedSize(-1); // compressed anew
                    out.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(rewritten);
            throw e;
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return written;
    }

    private static boolean isLibrary(ZipEntry entry) {
        return entry.getName().startsWith(RESOURCES) && !entry.isDirectory()
                && entry.getName().indexOf('/', RESOURCES.length()) < 0;
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".writing");
        try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(partial)) {
            in.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
