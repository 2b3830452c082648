package kerbshell.cli;

import kerbshell.journal.JournalEntry;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-shot {@code status} and {@code spn duplicates} against the Samba DC run without the shell's boot; they must
 * print exactly what the shell prints for the same line, over LDAPS with a simple bind and over GSSAPI with a
 * keytab (where the Kerberos client logs through SLF4J: nothing of it may reach stdout or stderr).
 */
@Tag("samba")
class SambaOneShotTest {
    private static SambaTestBed bed;

    @TempDir
    Path home;

    @BeforeAll
    static void startBed() {
        bed = SambaTestBed.get();
    }

    @ParameterizedTest
    @CsvSource({"simple,status", "simple,status --json", "simple,spn duplicates --json", "gssapi,status --json",
            "gssapi,spn duplicates"})
    void printsWhatTheShellPrints(String auth, String line) {
        SambaLaunch launch = SambaLaunch.as(bed, bed.operatorUser());
        if (auth.equals("gssapi")) {
            launch.with("--auth", "gssapi", "--keytab", bed.operatorKeytab().toString());
        }
        String[] oneShot = launch.then(line.split(" "));
        assertThat(OneShotWithoutShell.of(context(oneShot))).isPresent();
        KerbshellRun.Result direct = run().args(oneShot);
        KerbshellRun.Result shell = run().stdin(line + "\n").args(launch.then());

        assertThat(direct.exitCode()).as(direct.toString()).isEqualTo(0).isEqualTo(shell.exitCode());
        assertThat(direct.stderr()).as(direct.toString()).isEmpty();
        assertThat(masked(direct.stdout())).isEqualTo(masked(shell.stdout())).isNotBlank();
    }

    /**
     * A change a kerbshell left pending when it died (no writer alive) is settled by the next one-shot launch as by
     * the shell: read back on the DC and recorded, while the session opens (status) or once the scan has run (spn
     * duplicates, which reads the journal while the DC answers its search).
     */
    @ParameterizedTest
    @CsvSource({"status --json", "spn duplicates --json"})
    void settlesWhatADeadWriterLeftPending(String line) throws Exception {
        String spn = "kerbshell-pending/" + UUID.randomUUID();
        Path journal = Files.createDirectories(home.resolve("kerbshell-home")).resolve("journal.jsonl");
        // Its pending line, before the request left: no pid, so no writer is alive; the DC never got it.
        Files.writeString(journal, "{\"id\":\"dead-1\",\"time\":\"2026-12-01T00:00:00Z\",\"operator\":\""
                + bed.operatorUser() + "\",\"server\":\"" + bed.dcIp() + ":636\",\"domain\":\"" + bed.baseDn()
                + "\",\"dn\":\"CN=HV01,CN=Computers," + bed.baseDn() + "\",\"attribute\":\"servicePrincipalName\","
                + "\"before\":[],\"after\":[\"" + spn + "\"],\"binary\":false,\"command\":\"spn add HV01 " + spn
                + "\",\"commandId\":\"dead\",\"status\":\"pending\"}\n");
        String[] oneShot = SambaLaunch.as(bed, bed.operatorUser()).then(line.split(" "));
        assertThat(OneShotWithoutShell.of(context(oneShot))).isPresent();

        KerbshellRun.Result direct = run().args(oneShot);

        assertThat(direct.stderr()).as(direct.toString()).isEmpty();
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).as("the journal after " + line).hasSize(2);
        assertThat(lines.get(1)).contains("\"id\":\"dead-1\"", "\"status\":\"" + JournalEntry.NOT_APPLIED + "\"");
    }

    private KerbshellRun run() {
        return KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.operatorPassword());
    }

    private LaunchContext context(String[] args) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return new LaunchContext(LaunchOptions.parse(args), Map.of("KERBSHELL_PASSWORD", bed.operatorPassword(),
                "KERBSHELL_HOME", home.resolve("kerbshell-home").toString()),
                new ByteArrayInputStream(new byte[0]), nowhere, nowhere, false, false);
    }

    /** The DC's clock is read at two moments. */
    private static String masked(String output) {
        return output.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "TIME")
                .replaceAll("(clock skew: +|\"clockSkewSeconds\":)-?\\d+", "$1SKEW");
    }
}
