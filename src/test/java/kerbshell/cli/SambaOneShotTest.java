package kerbshell.cli;

import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

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
