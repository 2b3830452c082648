package kerbshell.picture;

import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders dot to SVG with Graphviz's own {@code dot} program, found on the PATH. kerbshell draws no graph layout
 * itself: Graphviz's is the one administrators know, and it is one package away ({@link #HOW_TO_GET}).
 */
public final class Graphviz {
    public static final String HOW_TO_GET = "Graphviz's 'dot' is not installed: on Debian or Ubuntu 'apt-get install "
            + "graphviz', on Windows 'winget install graphviz' (https://graphviz.org/download/); or write --dot FILE "
            + "and render it elsewhere";
    private static final long TIMEOUT_SECONDS = 30;

    private final String program;

    private Graphviz(String program) {
        this.program = program;
    }

    /** Graphviz when its dot program is on the PATH. */
    public static Optional<Graphviz> find() {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            Path dot = Path.of(dir, "dot");
            if (Files.isExecutable(dot)) {
                return Optional.of(new Graphviz(dot.toString()));
            }
        }
        return Optional.empty();
    }

    /** Graphviz, or the failure that says how to get it. */
    public static Graphviz require() {
        return find().orElseThrow(() -> KerbshellException.failure(HOW_TO_GET));
    }

    /** The SVG document Graphviz lays out for the dot text. */
    public String svg(String dot) {
        try {
            Process process = new ProcessBuilder(program, "-Tsvg").start();
            CompletableFuture<byte[]> stdout = read(process.getInputStream());
            CompletableFuture<byte[]> stderr = read(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw KerbshellException.failure("Graphviz did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw KerbshellException.failure("Graphviz refused the graph (exit " + process.exitValue() + "): "
                        + new String(stderr.join(), StandardCharsets.UTF_8).strip());
            }
            return new String(stdout.join(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw KerbshellException.failure("cannot run Graphviz (" + program + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KerbshellException.failure("interrupted while Graphviz rendered the graph", e);
        }
    }

    private static CompletableFuture<byte[]> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
