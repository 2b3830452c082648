package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-shot {@code explain} skips the shell's boot: what it prints and its exit status must be exactly what the
 * shell gives for the same line (run here from stdin, which always takes the shell's path).
 */
class ExplainWithoutShellTest {
    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"0x80090303", "-2146893053", "KDC_ERR_BADOPTION", "event 20306",
            "Duplicate SPN found, aborting operation!",
            "The Virtual Machine Management Service failed to establish a connection for a Virtual Machine migration "
                    + "because the target principal name is incorrect (0x80090322)",
            "nothing like a code at all"})
    void printsWhatTheShellPrints(String text) {
        String[] words = ("explain " + text).split(" ");
        assertThat(ExplainWithoutShell.handles(LaunchOptions.parse(words))).isTrue();
        KerbshellRun.Result direct = KerbshellRun.in(home).args(words);
        KerbshellRun.Result shell = KerbshellRun.in(home).stdin("explain " + text + "\n").args();
        assertThat(direct.exitCode()).as(direct.toString()).isEqualTo(shell.exitCode());
        assertThat(direct.stdout()).isEqualTo(shell.stdout());
        assertThat(direct.stderr()).isEqualTo(stripFileNote(shell.stderr()));

        String[] json = ("--json explain " + text).split(" ");
        KerbshellRun.Result directJson = KerbshellRun.in(home).args(json);
        KerbshellRun.Result shellJson = KerbshellRun.in(home).stdin("explain " + text + "\n").args("--json");
        assertThat(directJson.stdout()).isEqualTo(shellJson.stdout());
        assertThat(directJson.exitCode()).isEqualTo(shellJson.exitCode());
    }

    /** A failing line read from stdin gets one more note naming the line; the one-shot command has no line. */
    private static String stripFileNote(String stderr) {
        return stderr.replaceAll("(?m)^stdin:\\d+: failed.*\\R", "");
    }

    @Test
    void optionsADcAndDebugTakeTheShellsPath() {
        assertThat(ExplainWithoutShell.handles(LaunchOptions.parse(new String[]{"explain", "--json", "0x5"})))
                .isFalse();
        assertThat(ExplainWithoutShell.handles(LaunchOptions.parse(new String[]{"explain", "--help"}))).isFalse();
        assertThat(ExplainWithoutShell.handles(LaunchOptions.parse(new String[]{"explain"}))).isFalse();
        assertThat(ExplainWithoutShell.handles(LaunchOptions.parse(new String[]{"--debug", "explain", "0x5"})))
                .isFalse();
        assertThat(ExplainWithoutShell.handles(LaunchOptions.parse(new String[]{"--server", "dc1", "explain",
                "0x5"}))).isFalse();
        assertThat(ExplainWithoutShell.handles(LaunchOptions.parse(new String[]{"status"}))).isFalse();
    }
}
