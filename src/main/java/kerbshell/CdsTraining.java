package kerbshell;

import kerbshell.cli.ShellLauncher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the launchers' class-data-sharing training run loads beyond the commands it runs on the lab: the classes a
 * session with a real DC loads (TLS, certificate validation, StartTLS, Kerberos, the Global Catalog scan and its
 * findings), listed in {@value #LIST} by scripts/cds-classes from runs against the Samba test bed. The training
 * has no DC to connect to; loaded here, they go into the archive with the rest, and a launch that connects to a
 * DC maps them instead of parsing about 1,200 classes (70 ms of a one-shot status). Names this JDK or this build
 * does not have are skipped: a stale list costs speed, never a failure.
 */
final class CdsTraining {
    static final String LIST = "/kerbshell/cds/dc-session-classes.txt";
    /** Set by the launchers on their training run only. */
    static final String PROPERTY = "kerbshell.cds.training";

    /**
     * The command lines the one-shot archive is trained on (launch-jvm.sh runs {@link #main}): every command that
     * runs without the shell (kerbshell.cli.OneShotWithoutShell), as text and as JSON, on the lab.
     */
    static final List<List<String>> ONE_SHOTS = List.of(List.of("explain", "0x80090303"),
            List.of("explain", "Duplicate SPN found, aborting operation!"), List.of("status"),
            List.of("status", "--json"), List.of("spn", "duplicates"), List.of("spn", "duplicates", "--json"));

    private CdsTraining() {
    }

    /**
     * The training run of the one-shot archive: the DC session's classes loaded, then each of {@link #ONE_SHOTS}
     * run in this JVM as a launch would run it, its output dropped. The archive this JVM writes at its exit then
     * holds what those launches load, without the shell's classes (about two thirds of the size).
     */
    public static void main(String[] args) {
        preload();
        PrintStream dropped = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (List<String> line : ONE_SHOTS) {
            ShellLauncher.run(line.toArray(String[]::new), System.getenv(), InputStream.nullInputStream(), dropped,
                    dropped, false, false);
        }
    }

    /** Loads (without initialising) every class on the list that exists here; returns how many did. */
    static int preload() {
        ClassLoader loader = CdsTraining.class.getClassLoader();
        int loaded = 0;
        try (InputStream in = CdsTraining.class.getResourceAsStream(LIST)) {
            if (in == null) {
                return 0;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // another JDK or build: nothing to archive for it
                }
            }
        } catch (IOException e) {
            // the archive is only less complete
        }
        return loaded;
    }
}
