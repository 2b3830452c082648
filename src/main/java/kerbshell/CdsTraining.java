package kerbshell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

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

    private CdsTraining() {
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
