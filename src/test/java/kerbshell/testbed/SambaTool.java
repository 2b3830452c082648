package kerbshell.testbed;


import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * samba-tool run on the test bed's own database (-s its smb.conf), as the DC itself: the only way Samba lets
 * msDS-AllowedToActOnBehalfOfOtherIdentity be written, so the descriptors it writes are Samba's own.
 */
public final class SambaTool {
    private SambaTool() {
    }

    /** Runs {@code samba-tool ARGS -s SMB_CONF}; returns stdout, or throws with stderr when it fails. */
    public static String run(SambaTestBed bed, String... args) {
        List<String> command = new ArrayList<>(List.of("samba-tool"));
        command.addAll(List.of(args));
        command.addAll(List.of("-s", bed.env("SMB_CONF")));
        try {
            Path out = Files.createTempFile("samba-tool-", ".out");
            Path err = Files.createTempFile("samba-tool-", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue()
                            + ": " + Files.readString(err));
                }
                return Files.readString(out);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run samba-tool: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running samba-tool", e);
        }
    }
}
