package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-shot {@code explain}, {@code status} and {@code spn duplicates} skip the shell's boot: what they print and
 * their exit status must be exactly what the shell gives for the same line (run here from stdin, which always
 * takes the shell's path). The lab's ports and clock differ between two labs and are masked.
 */
class OneShotWithoutShellTest {
    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"0x80090303", "-2146893053", "KDC_ERR_BADOPTION", "event 20306",
            "Duplicate SPN found, aborting operation!",
            "The Virtual Machine Management Service failed to establish a connection for a Virtual Machine migration "
                    + "because the target principal name is incorrect (0x80090322)",
            "nothing like a code at all"})
    void explainPrintsWhatTheShellPrints(String text) {
        String[] words = ("explain " + text).split(" ");
        assertThat(handled(words)).isTrue();
        assertSameAsTheShell(words, "explain " + text, false);
        assertSameAsTheShell(("--json explain " + text).split(" "), "explain " + text, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "status --json", "spn duplicates", "spn duplicates --json"})
    void labReadsPrintWhatTheShellPrints(String line) {
        String[] words = line.split(" ");
        assertThat(handled(words)).isTrue();
        assertSameAsTheShell(words, line, false);
        String[] json = ("--json " + line).split(" ");
        assertThat(handled(json)).isTrue();
        assertSameAsTheShell(json, line, true);
    }

    @Test
    void aDcThatCannotBeReachedIsReportedAsTheShellReportsIt() {
        String[] words = {"--server", "127.0.0.1", "--port", "1", "--domain", "corp.test", "--user", "x", "--timeout",
            "2", "status"};
        Map<String, String> password = Map.of("KERBSHELL_PASSWORD", "secret");
        assertThat(handled(password, words)).isTrue();
        KerbshellRun.Result direct = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "secret").args(words);
        String[] launch = {"--server", "127.0.0.1", "--port", "1", "--domain", "corp.test", "--user", "x", "--timeout",
            "2"};
        KerbshellRun.Result shell = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "secret").stdin("status\n")
                .args(launch);
        assertThat(direct.exitCode()).as(direct.toString()).isEqualTo(3).isEqualTo(shell.exitCode());
        assertThat(direct.stdout()).isEqualTo(shell.stdout()).isEmpty();
        assertThat(direct.stderr()).isEqualTo(shell.stderr());
    }

    @Test
    void aLabThatCannotStartIsReportedAsTheShellReportsIt() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(busy.getLocalPort());
            KerbshellRun.Result direct = KerbshellRun.in(home).args("--lab-port", port, "status");
            KerbshellRun.Result shell = KerbshellRun.in(home).stdin("status\n").args("--lab-port", port);
            assertThat(direct.exitCode()).as(direct.toString()).isNotZero().isEqualTo(shell.exitCode());
            assertThat(direct.stdout()).isEqualTo(shell.stdout()).isEmpty();
            assertThat(direct.stderr()).isEqualTo(shell.stderr()).contains(port);
        }
    }

    @Test
    void anythingElseTakesTheShellsPath() {
        assertThat(handled("explain", "--json", "0x5")).isFalse();
        assertThat(handled("explain", "--help")).isFalse();
        assertThat(handled("explain")).isFalse();
        assertThat(handled("--debug", "explain", "0x5")).isFalse();
        assertThat(handled("--server", "dc1", "--user", "x", "explain", "0x5")).isFalse();
        assertThat(handled("status", "--help")).isFalse();
        assertThat(handled("status", "--debug")).isFalse();
        assertThat(handled("status", "extra")).isFalse();
        assertThat(handled("spn", "duplicates", "--service-class", "cifs")).isFalse();
        assertThat(handled("spn", "list", "HV01")).isFalse();
        assertThat(handled("--file", "x.ks", "status")).isFalse();
        // A DC whose password would have to be asked on the terminal: the shell prompts for it.
        assertThat(handled("--server", "dc1", "--user", "x", "status")).isFalse();
    }

    private void assertSameAsTheShell(String[] oneShot, String line, boolean json) {
        KerbshellRun.Result direct = KerbshellRun.in(home).args(oneShot);
        KerbshellRun.Result shell = json ? KerbshellRun.in(home).stdin(line + "\n").args("--json")
                : KerbshellRun.in(home).stdin(line + "\n").args();
        assertThat(direct.exitCode()).as(direct.toString()).isEqualTo(shell.exitCode());
        assertThat(masked(direct.stdout())).isEqualTo(masked(shell.stdout()));
        assertThat(direct.stderr()).isEqualTo(stripFileNote(shell.stderr()));
    }

    /** The two labs run on ports of their own and read the clock at different moments. */
    private static String masked(String output) {
        return output.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT").replaceAll("\"port\" ?: ?\\d+", "\"port\":PORT")
                .replaceAll("\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z?( UTC)?", "TIME");
    }

    /** A failing line read from stdin gets one more note naming the line; the one-shot command has no line. */
    private static String stripFileNote(String stderr) {
        return stderr.replaceAll("(?m)^stdin:\\d+: failed.*\\R", "");
    }

    private boolean handled(String... args) {
        return handled(Map.of(), args);
    }

    private boolean handled(Map<String, String> env, String... args) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("KERBSHELL_HOME", home.resolve("kerbshell-home").toString());
        all.put("KERBSHELL_CONFIG", home.resolve("config/config.yaml").toString());
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return OneShotWithoutShell.of(new LaunchContext(LaunchOptions.parse(args), all,
                new ByteArrayInputStream(new byte[0]), nowhere, nowhere, false, false)).isPresent();
    }
}
