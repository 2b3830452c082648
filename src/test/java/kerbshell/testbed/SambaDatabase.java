package kerbshell.testbed;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Writes into the test bed's database file itself with {@code ldbmodify -H tdb://...}, below Samba's LDAP server
 * and its samldb checks: how a duplicate SPN gets into a forest today (a replication collision, a restored DC, a
 * tool writing around the check), since the DC refuses one over LDAP. The running DC sees the change at once (it
 * reads the tdb under its locks for every request; no restart is needed), its KDC included.
 */
public final class SambaDatabase {
    private SambaDatabase() {
    }

    /** The file holding the domain partition: {@code private/sam.ldb.d/DC=CORP,DC=TEST.ldb}. */
    public static Path domainPartition(SambaTestBed bed) {
        return bed.dir().resolve("private/sam.ldb.d/" + bed.baseDn().toUpperCase(Locale.ROOT) + ".ldb");
    }

    public static void addValue(SambaTestBed bed, String dn, String attribute, String value) {
        modify(bed, dn, "add", attribute, value);
    }

    public static void deleteValue(SambaTestBed bed, String dn, String attribute, String value) {
        modify(bed, dn, "delete", attribute, value);
    }

    private static void modify(SambaTestBed bed, String dn, String operation, String attribute, String value) {
        String ldif = "dn: " + dn + "\nchangetype: modify\n" + operation + ": " + attribute + "\n" + attribute + ": "
                + value + "\n";
        try {
            Path file = Files.createTempFile("ldbmodify-", ".ldif");
            Path out = Files.createTempFile("ldbmodify-", ".out");
            try {
                Files.writeString(file, ldif);
                List<String> command = List.of("ldbmodify", "-H", "tdb://" + domainPartition(bed), file.toString());
                Process process = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("ldbmodify did not finish in 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("ldbmodify " + operation + " " + attribute + ": " + value + " on "
                            + dn + " exited " + process.exitValue() + ": " + Files.readString(out));
                }
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ldbmodify: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running ldbmodify", e);
        }
    }
}
