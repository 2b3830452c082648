package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scripts in completions/ are what the command model generates now, and bash completes with them. */
class CompletionScriptsTest {
    @TempDir
    Path home;

    @Test
    void shippedScriptsAreNotStale() throws Exception {
        for (String[] shell : new String[][] {{"bash", "completions/kerbshell.bash"}, {"zsh", "completions/_kerbshell"}}) {
            KerbshellRun.Result run = KerbshellRun.in(home).args("completion", shell[0]);
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(run.stdout(), Files.readString(Path.of(shell[1])), shell[1] + " is stale: regenerate it "
                    + "with ./kerbshell completion " + shell[0] + " > " + shell[1]);
        }
    }

    @Test
    void bashCompletesCommandsSubcommandsAndOptions() throws Exception {
        assertEquals("lab", complete("kerbshell la"));
        assertEquals("migrate plant reset scenario start status stop", complete("kerbshell --server dc1 --json lab "));
        assertEquals("--help --json --kdc-port --ldap-port", complete("kerbshell lab start --"));
        assertEquals("--keep-going --keytab", complete("kerbshell --ke"));
        assertEquals("lab print ssh winrm", complete("kerbshell vmms restart HV01 --via "));
        assertEquals("powershell", complete("kerbshell vmms restart HV01 --shell p"));
    }

    private static String complete(String line) throws Exception {
        String script = "source completions/kerbshell.bash; COMP_WORDS=(" + line + ")"
                + (line.endsWith(" ") ? "; COMP_WORDS+=('')" : "")
                + "; COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _kerbshell; echo \"${COMPREPLY[*]}\"";
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, bash.waitFor(), out);
        return out;
    }
}
